import type { JiraSite } from './jira-support';
import { TOKEN, jiraScenario, jiraUser, startJiraSite } from './jira-support';
import { rejectionOf } from '../helpers';

/** The app's hourly points quota (jira-api.md §6): what the simulator charges and how the adapter stops. */

const GROUP = 'f6f6f6f6-0000-4000-8000-000000000006';
const eight = Array.from({ length: 8 }, (_, i) => `m-${i}`);
const scenario = () => jiraScenario({ users: eight.map((id) => jiraUser(id)), groups: [{ name: 'my-group', groupId: GROUP, members: eight }] });
const MEMBERS = `/rest/api/3/group/member?groupId=${GROUP}`;

describe('Jira points quota', () => {
  let site: JiraSite | undefined;
  afterEach(() => site?.sim.close());

  it('charges the documented example: 8 users from group/member cost 1 + 8 x 2 = 17 points', async () => {
    site = await startJiraSite(scenario());
    const response = await site.rawFetchAs({ kind: 'app' })(MEMBERS);
    expect(response.status).toBe(200);
    expect(site.sim.pointsUsed()).toBe(17);
  });

  it('charges a write 1 point and a refused request its base point', async () => {
    site = await startJiraSite(scenario());
    await site.directory().addMember(GROUP, 'm-0');
    expect(site.sim.pointsUsed()).toBe(1);
    await expect(site.directory({ kind: 'user', accountId: 'm-1' }).addMember(GROUP, 'm-0')).rejects.toMatchObject({ code: 'runas-not-site-admin' });
    expect(site.sim.pointsUsed()).toBe(2);
    // Writes go as the impersonated site admin (both the admin's and the refused one's).
    expect(site.sim.pointsByIdentity()).toEqual({ app: 0, impersonatedUser: 2, apiToken: 0 });
  });

  it('does not charge API-token traffic, which the points quota does not govern', async () => {
    site = await startJiraSite(scenario());
    await site.rawFetchAs({ kind: 'apiToken', ...TOKEN })(MEMBERS);
    expect(site.sim.pointsUsed()).toBe(0);
    // Counted by identity for comparison: what the same read would cost a Forge identity.
    expect(site.sim.pointsByIdentity().apiToken).toBeGreaterThan(0);
  });

  it('before enforcement, sends Beta- headers and keeps answering past the limit', async () => {
    site = await startJiraSite(scenario(), { pointsQuota: { limit: 20, resetInSeconds: 1200 } });
    const fetchApp = site.rawFetchAs({ kind: 'app' });
    const first = await fetchApp(MEMBERS);
    expect(first.headers.get('beta-ratelimit-policy')).toBe('"global-app-quota";q=20;w=3600');
    expect(first.headers.get('beta-ratelimit')).toBe('"global-app-quota";r=3;t=1200');
    expect(first.headers.get('ratelimit-policy')).toBeNull();
    const second = await fetchApp(MEMBERS);
    expect(second.headers.get('beta-ratelimit')).toBe('"global-app-quota";r=0;t=1200');
    expect(second.headers.get('beta-retry-after')).toBeNull();
    const third = await fetchApp(MEMBERS);
    expect(third.status).toBe(200);
    expect(third.headers.get('beta-retry-after')).toBe('1200');
    expect(Number.isNaN(Date.parse(third.headers.get('x-beta-ratelimit-reset') ?? ''))).toBe(false);
    expect(site.sim.pointsUsed()).toBe(51);
  });

  it('leaves r= out while far from the limit', async () => {
    site = await startJiraSite(scenario(), { pointsQuota: { limit: 65_000, enforced: true } });
    const response = await site.rawFetchAs({ kind: 'app' })(MEMBERS);
    expect(response.headers.get('ratelimit-policy')).toBe('"global-app-quota";q=65000;w=3600');
    expect(response.headers.get('ratelimit')).toBe('"global-app-quota";t=3600');
    expect(response.headers.get('x-ratelimit-nearlimit')).toBeNull();
  });

  it('once enforced and used up, answers 429 with the quota reason, Retry-After and the reset, charging nothing more', async () => {
    site = await startJiraSite(scenario(), { pointsQuota: { limit: 17, enforced: true, resetInSeconds: 900 } });
    const fetchApp = site.rawFetchAs({ kind: 'app' });
    const last = await fetchApp(MEMBERS);
    expect(last.status).toBe(200);
    expect(last.headers.get('x-ratelimit-nearlimit')).toBe('true');
    const refused = await fetchApp(MEMBERS);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-reason')).toBe('jira-quota-global-based');
    expect(refused.headers.get('retry-after')).toBe('900');
    expect(refused.headers.get('ratelimit')).toBe('"global-app-quota";r=0;t=900');
    expect(Number.isNaN(Date.parse(refused.headers.get('x-ratelimit-reset') ?? ''))).toBe(false);
    expect(JSON.parse(await refused.text())).toEqual({ errorMessages: [expect.any(String)], errors: {} });
    expect(site.sim.pointsUsed()).toBe(17);
    expect((await site.rawFetchAs({ kind: 'apiToken', ...TOKEN })(MEMBERS)).status).toBe(200);
  });

  it('the adapter turns the quota 429 into a retryable jira-quota-exhausted pausing until the reset', async () => {
    site = await startJiraSite(scenario(), { pointsQuota: { limit: 17, enforced: true, resetInSeconds: 1234 } });
    const directory = site.directory();
    await directory.groupMembersPage(GROUP, 0);
    const error = await rejectionOf(directory.groupMembersPage(GROUP, 0));
    expect(error).toMatchObject({ code: 'jira-quota-exhausted', retryable: true, retryAfterSeconds: 1234 });
    expect(site.clock.sleeps).toEqual([]);
    await expect(directory.addMember(GROUP, 'm-0')).rejects.toMatchObject({ code: 'jira-quota-exhausted', retryAfterSeconds: 1234 });
    expect(site.sim.writeCount()).toBe(0);
  });
});
