import type { JiraSite } from './jira-support';
import { ADMIN, PLAIN, TOKEN, jiraScenario, jiraUser, startJiraSite } from './jira-support';
import { rejectionOf } from '../helpers';

/** Account creation (POST /rest/api/3/user): who may create accounts, and what Jira answers. */

const ORG_ADMIN_TOKEN = { kind: 'apiToken' as const, ...TOKEN };
const NOT_ORG_ADMIN_TOKEN = { kind: 'apiToken' as const, email: 'svc-2@example.com', token: 'other-token' };

describe('Jira account creation', () => {
  let site: JiraSite;
  beforeEach(async () => {
    const scenario = jiraScenario({
      users: [jiraUser('svc-2'), jiraUser('licensed-1'), jiraUser('unlicensed-1')],
      groups: [{ name: 'jira-software-users', members: ['licensed-1'], defaultAccess: true }],
      siteAdmins: [ADMIN, 'svc-1', 'svc-2'],
    });
    scenario.jira.orgAdmins = ['svc-1'];
    scenario.jira.apiTokens = [TOKEN, { email: NOT_ORG_ADMIN_TOKEN.email, token: NOT_ORG_ADMIN_TOKEN.token }];
    site = await startJiraSite(scenario);
  });
  afterEach(() => site.sim.close());

  const account = (email: string) => site.sim.users().find((u) => u.emailAddress === email);
  const createCalls = () => site.calls.filter((c) => c.method === 'POST' && c.url === '/rest/api/3/user');

  it("creates an active Atlassian account with an organization admin's API token", async () => {
    const { accountId } = await site.directory(ORG_ADMIN_TOKEN).createUser('new.person@example.com', ['jira-software']);
    expect(account('new.person@example.com')).toEqual({
      accountId,
      emailAddress: 'new.person@example.com',
      displayName: 'new.person',
      active: true,
      accountType: 'atlassian',
      products: ['jira-software'],
    });
    expect((await site.directory().usersPage(0)).users.map((u) => u.accountId)).toContain(accountId);
    expect(site.sim.writeCount()).toBe(1);
  });

  it('always sends products, an empty list for no product access', async () => {
    await site.directory(ORG_ADMIN_TOKEN).createUser('nobody.yet@example.com', []);
    await site
      .directory(ORG_ADMIN_TOKEN)
      .createUser('two.products@example.com', ['jira-core', 'jira-core', 'jira-software']);
    expect(createCalls().map((c) => JSON.parse(c.requestBody ?? '{}') as unknown)).toEqual([
      { emailAddress: 'nobody.yet@example.com', products: [] },
      { emailAddress: 'two.products@example.com', products: ['jira-core', 'jira-software'] },
    ]);
    expect(account('nobody.yet@example.com')?.products).toEqual([]);
  });

  it('answers an existing account with Jira access with that account', async () => {
    const first = await site.directory(ORG_ADMIN_TOKEN).createUser('again@example.com', ['jira-software']);
    expect(await site.directory(ORG_ADMIN_TOKEN).createUser('AGAIN@example.com', ['jira-software'])).toEqual(first);
    expect(await site.directory(ORG_ADMIN_TOKEN).createUser('licensed-1@example.com', [])).toEqual({
      accountId: 'licensed-1',
    });
    expect(site.sim.users().filter((u) => u.emailAddress.toLowerCase() === 'again@example.com')).toHaveLength(1);
  });

  it('an existing account without Jira access is user-create-refused with what Jira said', async () => {
    const error = await rejectionOf(
      site.directory(ORG_ADMIN_TOKEN).createUser('unlicensed-1@example.com', ['jira-software']),
    );
    expect(error).toMatchObject({ code: 'user-create-refused', retryable: false });
    expect(error.message).toContain('unlicensed-1@example.com');
    expect(error.message).toContain(
      'Jira said: The user with email unlicensed-1@example.com already exists but does not have access to Jira.',
    );
    expect(account('unlicensed-1@example.com')?.products).toEqual([]);
  });

  it('an unknown product is refused (HTTP 400) and creates nothing', async () => {
    await expect(site.directory(ORG_ADMIN_TOKEN).createUser('odd@example.com', ['confluence'])).rejects.toMatchObject({
      code: 'user-create-refused',
    });
    expect(account('odd@example.com')).toBeUndefined();
  });

  it('refuses an impersonated site admin: the API does not support Forge apps', async () => {
    const error = await rejectionOf(
      site.directory({ kind: 'user', accountId: ADMIN }).createUser('forge@example.com', []),
    );
    expect(error.code).toBe('user-create-forbidden');
    expect(error.message).toContain('This API does not support Forge apps.');
    expect(error.message).toMatch(/API token.*organization admin/);
    expect(account('forge@example.com')).toBeUndefined();
    expect(site.sim.writeCount()).toBe(0);
  });

  it('refuses the app itself the same way', async () => {
    const response = await site.rawFetchAs({ kind: 'app' })('/rest/api/3/user', {
      method: 'POST',
      body: JSON.stringify({ emailAddress: 'app@example.com', products: [] }),
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(await response.text())).toEqual({
      errorMessages: ['This API does not support Forge apps.'],
      errors: {},
    });
  });

  it('refuses a site admin API token that is not an organization admin, naming the account', async () => {
    const error = await rejectionOf(site.directory(NOT_ORG_ADMIN_TOKEN).createUser('blocked@example.com', []));
    expect(error.code).toBe('user-create-forbidden');
    expect(error.message).toContain('svc-2@example.com');
    expect(error.message).toContain('organization admin');
    expect(error.message).not.toContain(NOT_ORG_ADMIN_TOKEN.token);
    expect(account('blocked@example.com')).toBeUndefined();
  });

  it('a bad API token is token-invalid', async () => {
    await expect(
      site.directory({ kind: 'apiToken', email: TOKEN.email, token: 'revoked' }).createUser('x@example.com', []),
    ).rejects.toMatchObject({ code: 'token-invalid' });
  });

  it('a created account can then be added to groups by a site admin', async () => {
    const { accountId } = await site.directory(ORG_ADMIN_TOKEN).createUser('joiner@example.com', []);
    const group = await site.directory().createGroup('joiners');
    await site.directory().addMember(group.groupId, accountId);
    await site.directory().addMember(group.groupId, PLAIN);
    expect(site.sim.groups().find((g) => g.name === 'joiners')?.members).toEqual([accountId, PLAIN]);
  });
});
