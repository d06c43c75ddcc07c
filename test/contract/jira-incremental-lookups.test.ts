import type { JiraSite } from './jira-support';
import { ADMIN, PLAIN, jiraScenario, jiraUser, startJiraSite } from './jira-support';

/** The two single-user lookups incremental runs make, against the simulator over HTTP. */
describe('Jira lookups for incremental runs', () => {
  let site: JiraSite;
  beforeAll(async () => {
    site = await startJiraSite(
      jiraScenario({
        users: [
          jiraUser('dup-1', { emailAddress: 'Same@Example.com' }),
          jiraUser('dup-2', { emailAddress: 'same@example.com' }),
          jiraUser('gone-1', { active: false }),
          jiraUser('hidden-2', { emailHidden: true }),
          jiraUser('prefix-1', { emailAddress: 'same@example.com.au' }),
        ],
        groups: [{ name: 'team-a', groupId: 'a0a0a0a0-0000-4000-8000-000000000001', members: [PLAIN] }],
      }),
    );
  });
  afterAll(() => site.sim.close());

  it('finds accounts whose email equals the address, ignoring case and prefix matches', async () => {
    const found = await site.directory({ kind: 'user', accountId: ADMIN }).accountsByEmail('SAME@example.com');
    expect(found.map((u) => u.accountId).sort()).toEqual(['dup-1', 'dup-2']);
  });

  it('does not find deactivated accounts or emails hidden by profile privacy', async () => {
    const directory = site.directory({ kind: 'user', accountId: ADMIN });
    expect(await directory.accountsByEmail('gone-1@example.com')).toEqual([]);
    expect(await directory.accountsByEmail('hidden-2@example.com')).toEqual([]);
  });

  it('lists the groups of an account, and null for an account Jira does not know', async () => {
    const directory = site.directory({ kind: 'user', accountId: ADMIN });
    expect(await directory.groupIdsOfAccount(PLAIN)).toContain('a0a0a0a0-0000-4000-8000-000000000001');
    expect(await directory.groupIdsOfAccount('nobody-1')).toBeNull();
  });
});
