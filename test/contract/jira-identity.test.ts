import { createCallerPermissions } from '../../src/adapters/jira';
import type { JiraSite } from './jira-support';
import { ADMIN, JIRA_CONTRACT_START, PLAIN, TOKEN, jiraScenario, jiraUser, startJiraSite } from './jira-support';
import { VirtualClock } from '../helpers';

/** Who writes and whether they can; what the admin-page caller may do. */

describe('write identity health and caller permissions', () => {
  let site: JiraSite;
  beforeAll(async () => {
    site = await startJiraSite(
      jiraScenario({
        users: [jiraUser('former-admin', { active: false, displayName: 'Former Admin' }), jiraUser('jira-admin-1')],
        groups: [{ name: 'jira-administrators', members: ['jira-admin-1'], accessType: 'admin' }],
        siteAdmins: [ADMIN, 'svc-1', 'former-admin'],
      }),
    );
  });
  afterAll(() => site.sim.close());

  it('an active site admin is healthy', async () => {
    expect(await site.directory({ kind: 'user', accountId: ADMIN }).writeIdentityHealth()).toEqual({
      accountId: ADMIN,
      displayName: `User ${ADMIN}`,
      active: true,
      siteAdmin: true,
      orgAdmin: null,
    });
  });

  it('a deactivated site admin is reported inactive', async () => {
    expect(await site.directory({ kind: 'user', accountId: 'former-admin' }).writeIdentityHealth()).toEqual({
      accountId: 'former-admin',
      displayName: 'Former Admin',
      active: false,
      siteAdmin: true,
      orgAdmin: null,
    });
  });

  it('an active account that is not a site admin is reported as such', async () => {
    expect(await site.directory({ kind: 'user', accountId: PLAIN }).writeIdentityHealth()).toMatchObject({
      accountId: PLAIN,
      active: true,
      siteAdmin: false,
      orgAdmin: null,
    });
  });

  it('an account Jira does not know is neither active nor a site admin', async () => {
    expect(await site.directory({ kind: 'user', accountId: 'gone' }).writeIdentityHealth()).toEqual({
      accountId: 'gone',
      displayName: null,
      active: false,
      siteAdmin: false,
      orgAdmin: null,
    });
  });

  it('a good API token reports the service account behind it', async () => {
    expect(await site.directory({ kind: 'apiToken', ...TOKEN }).writeIdentityHealth()).toEqual({
      accountId: 'svc-1',
      displayName: 'User svc-1',
      active: true,
      siteAdmin: true,
      orgAdmin: null,
    });
  });

  it('reports organization-admin status as unknown: no Jira REST API exposes it', async () => {
    const scenarioWithOrgAdmin = jiraScenario();
    scenarioWithOrgAdmin.jira.orgAdmins = ['svc-1'];
    const orgSite = await startJiraSite(scenarioWithOrgAdmin);
    try {
      expect((await orgSite.directory({ kind: 'apiToken', ...TOKEN }).writeIdentityHealth()).orgAdmin).toBeNull();
    } finally {
      await orgSite.sim.close();
    }
  });

  it('a bad API token is token-invalid', async () => {
    await expect(
      site.directory({ kind: 'apiToken', email: TOKEN.email, token: 'wrong' }).writeIdentityHealth(),
    ).rejects.toMatchObject({ code: 'token-invalid' });
  });

  it('reports a site admin caller as Jira admin and site admin', async () => {
    const permissions = createCallerPermissions(site.fetchAs({ kind: 'user', accountId: ADMIN }), {
      clock: new VirtualClock(JIRA_CONTRACT_START),
    });
    expect(await permissions(ADMIN)).toEqual({ jiraAdmin: true, siteAdmin: true });
  });

  it('reports a Jira admin who is not a site admin', async () => {
    const permissions = createCallerPermissions(site.fetchAs({ kind: 'user', accountId: 'jira-admin-1' }), {
      clock: new VirtualClock(JIRA_CONTRACT_START),
    });
    expect(await permissions('jira-admin-1')).toEqual({ jiraAdmin: true, siteAdmin: false });
  });

  it('reports a plain user as neither', async () => {
    const permissions = createCallerPermissions(site.fetchAs({ kind: 'user', accountId: PLAIN }), {
      clock: new VirtualClock(JIRA_CONTRACT_START),
    });
    expect(await permissions(PLAIN)).toEqual({ jiraAdmin: false, siteAdmin: false });
  });
});
