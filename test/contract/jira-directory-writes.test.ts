import type { JiraSite } from './jira-support';
import { ADMIN, PLAIN, TOKEN, jiraScenario, jiraUser, startJiraSite } from './jira-support';
import { rejectionOf } from '../helpers';

/** Writes per identity, and their idempotence, against the simulator over HTTP. */

const TEAM = 'b2b2b2b2-0000-4000-8000-000000000002';

describe('Jira directory writes', () => {
  let site: JiraSite;
  beforeEach(async () => {
    site = await startJiraSite(jiraScenario({ groups: [{ name: 'team', groupId: TEAM, members: [] }] }));
  });
  afterEach(() => site.sim.close());

  const teamMembers = (): string[] | undefined => site.sim.groups().find((g) => g.groupId === TEAM)?.members;

  it('refuses writes as the app itself with runas-not-site-admin naming the account and the fix', async () => {
    const directory = site.directory({ kind: 'app' });
    const error = await rejectionOf(directory.addMember(TEAM, PLAIN));
    expect(error.code).toBe('runas-not-site-admin');
    expect(error.message).toContain('forge-app-system-user');
    expect(error.message).toContain('admin.atlassian.com');
    expect(error.message).toContain('user does not have the relevant permissions');
    expect(teamMembers()).toEqual([]);
    expect(site.sim.writeCount()).toBe(0);
  });

  it('refuses writes impersonating a user who is not a site admin', async () => {
    const directory = site.directory({ kind: 'user', accountId: PLAIN });
    const error = await rejectionOf(directory.createGroup('new-team'));
    expect(error.code).toBe('runas-not-site-admin');
    expect(error.message).toContain(PLAIN);
    expect(site.sim.groups().some((g) => g.name === 'new-team')).toBe(false);
  });

  it('lets an impersonated site admin create groups and change members', async () => {
    const directory = site.directory({ kind: 'user', accountId: ADMIN });
    const created = await directory.createGroup('new-team');
    expect(created.name).toBe('new-team');
    expect(site.sim.groups().find((g) => g.name === 'new-team')?.groupId).toBe(created.groupId);
    await directory.addMember(created.groupId, PLAIN);
    expect(site.sim.groups().find((g) => g.name === 'new-team')?.members).toEqual([PLAIN]);
    await directory.removeMember(created.groupId, PLAIN);
    expect(site.sim.groups().find((g) => g.name === 'new-team')?.members).toEqual([]);
    expect(site.sim.writeCount()).toBe(3);
  });

  it('creating a group twice returns the same group and makes one', async () => {
    const directory = site.directory();
    const first = await directory.createGroup('twice');
    const second = await directory.createGroup('twice');
    expect(second).toEqual(first);
    expect(site.sim.groups().filter((g) => g.name === 'twice')).toHaveLength(1);
  });

  it('adding a member twice is harmless', async () => {
    const directory = site.directory();
    await directory.addMember(TEAM, PLAIN);
    await directory.addMember(TEAM, PLAIN);
    expect(teamMembers()).toEqual([PLAIN]);
  });

  it('removing a non-member is done: Jira answers 400 "not a member", which the adapter takes as success', async () => {
    const raw = await site.fetchAs({ kind: 'user', accountId: ADMIN })(
      `/rest/api/3/group/user?groupId=${TEAM}&accountId=${PLAIN}`,
      { method: 'DELETE' },
    );
    expect(raw.status).toBe(400);
    expect(await raw.text()).toContain('not a member');
    await site.directory().removeMember(TEAM, PLAIN);
    expect(teamMembers()).toEqual([]);
  });

  it('a removal refused with any other 400 is a failure', async () => {
    site.sim.faults.add({
      service: 'jira',
      path: '/rest/api/3/group/user',
      method: 'DELETE',
      status: 400,
      body: { errorMessages: ['accountId is missing.'], errors: {} },
    });
    await expect(site.directory().removeMember(TEAM, PLAIN)).rejects.toMatchObject({
      code: 'jira-request-failed',
      message: expect.stringContaining('accountId is missing'),
    });
  });

  it('refuses to create a group whose name is longer than 255 characters, as Jira does', async () => {
    const long = 'g'.repeat(256);
    const raw = await site.fetchAs({ kind: 'user', accountId: ADMIN })('/rest/api/3/group', {
      method: 'POST',
      body: JSON.stringify({ name: long }),
    });
    expect(raw.status).toBe(400);
    expect(JSON.parse(await raw.text())).toMatchObject({ errorMessages: [expect.stringContaining('255')] });
    await expect(site.directory().createGroup(long)).rejects.toMatchObject({ code: 'jira-group-create-refused' });
    expect(site.sim.groups().some((g) => g.name === long)).toBe(false);
    expect((await site.directory().createGroup('g'.repeat(255))).name).toHaveLength(255);
  });

  it('adding an unknown account is jira-not-found with nothing changed', async () => {
    await expect(site.directory().addMember(TEAM, 'nobody')).rejects.toMatchObject({ code: 'jira-not-found' });
    expect(teamMembers()).toEqual([]);
  });

  it('writes with a good service-account API token', async () => {
    const directory = site.directory({ kind: 'apiToken', ...TOKEN });
    await directory.addMember(TEAM, PLAIN);
    expect(teamMembers()).toEqual([PLAIN]);
  });

  it('a bad API token is token-invalid', async () => {
    const directory = site.directory({ kind: 'apiToken', email: TOKEN.email, token: 'revoked' });
    const error = await rejectionOf(directory.addMember(TEAM, PLAIN));
    expect(error.code).toBe('token-invalid');
    expect(error.message).toContain(TOKEN.email);
    expect(error.message).not.toContain('revoked');
    expect(teamMembers()).toEqual([]);
  });

  it('refuses writes impersonating a deactivated account as jira-unauthorized', async () => {
    await site.sim.close();
    site = await startJiraSite(
      jiraScenario({
        users: [jiraUser('former-admin', { active: false })],
        siteAdmins: ['former-admin'],
        groups: [{ name: 'team', groupId: TEAM, members: [] }],
      }),
    );
    await expect(
      site.directory({ kind: 'user', accountId: 'former-admin' }).addMember(TEAM, PLAIN),
    ).rejects.toMatchObject({ code: 'jira-unauthorized' });
    expect(teamMembers()).toEqual([]);
  });

  it('accepts the service-account token from the scenario settings when no apiTokens are listed', async () => {
    await site.sim.close();
    const scenario = jiraScenario({ groups: [{ name: 'team', groupId: TEAM, members: [] }] });
    delete scenario.jira.apiTokens;
    scenario.settings.writeAs = { mode: 'apiToken', email: 'svc-1@example.com', apiToken: 'from-settings' };
    site = await startJiraSite(scenario);
    await site
      .directory({ kind: 'apiToken', email: 'svc-1@example.com', token: 'from-settings' })
      .addMember(TEAM, PLAIN);
    expect(teamMembers()).toEqual([PLAIN]);
    await expect(site.directory({ kind: 'apiToken', ...TOKEN }).addMember(TEAM, ADMIN)).rejects.toMatchObject({
      code: 'token-invalid',
    });
  });
});
