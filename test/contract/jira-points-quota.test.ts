import { PointsPool, tier2PointsPerHour } from '../../dev/sim/jira/points-quota';
import type { JiraSite } from './jira-support';
import { ADMIN, TOKEN, jiraScenario, jiraUser, startJiraSite } from './jira-support';
import { rejectionOf } from '../helpers';

/** The app's hourly points quota (jira-api.md §6): what the simulator charges and how the adapter stops. */

const GROUP = 'f6f6f6f6-0000-4000-8000-000000000006';
const eight = Array.from({ length: 8 }, (_, i) => `m-${i}`);
const scenario = () =>
  jiraScenario({
    users: eight.map((id) => jiraUser(id)),
    groups: [{ name: 'my-group', groupId: GROUP, members: eight }],
  });
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
    await expect(site.directory({ kind: 'user', accountId: 'm-1' }).addMember(GROUP, 'm-0')).rejects.toMatchObject({
      code: 'runas-not-site-admin',
    });
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
    // t= counts down to the next whole UTC hour, when the quota resets.
    expect(response.headers.get('ratelimit')).toMatch(/^"global-app-quota";t=\d+$/);
    expect(Number(/t=(\d+)/.exec(response.headers.get('ratelimit') ?? '')?.[1])).toBeLessThanOrEqual(3600);
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
    await expect(directory.addMember(GROUP, 'm-0')).rejects.toMatchObject({
      code: 'jira-quota-exhausted',
      retryAfterSeconds: 1234,
    });
    expect(site.sim.writeCount()).toBe(0);
  });

  describe('pools across sites, the hourly reset and burst limits', () => {
    const sites: JiraSite[] = [];
    afterEach(async () => {
      for (const s of sites.splice(0)) await s.sim.close();
    });
    const HOUR = 3_600_000;
    let now = 1_800_000_000_000 - (1_800_000_000_000 % HOUR) + 10 * 60_000;
    const start = async (pool: PointsPool, extra: Record<string, unknown> = {}) => {
      const s = await startJiraSite(scenario(), { pointsQuota: { pool, enforced: true }, now: () => now, ...extra });
      sites.push(s);
      return s;
    };

    it('Tier 1: one pool for the app across sites: what one site spends, the other cannot', async () => {
      const pool = new PointsPool(17, 1);
      const [a, b] = [await start(pool), await start(pool)];
      expect((await a.rawFetchAs({ kind: 'app' })(MEMBERS)).status).toBe(200);
      const refused = await b.rawFetchAs({ kind: 'app' })(MEMBERS);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('ratelimit-reason')).toBe('jira-quota-global-based');
      // Denied until the top of the hour (50 minutes away), then both sites are served again.
      expect(refused.headers.get('retry-after')).toBe('3000');
      now += 50 * 60_000;
      expect((await b.rawFetchAs({ kind: 'app' })(MEMBERS)).status).toBe(200);
    });

    it('Tier 2: each site has its own pool, sized by edition and users, with the tenant reason', async () => {
      expect(tier2PointsPerHour('standard', 1000)).toBe(110_000);
      expect(tier2PointsPerHour('enterprise', 100_000)).toBe(500_000);
      const [a, b] = [await start(new PointsPool(17, 2)), await start(new PointsPool(17, 2))];
      expect((await a.rawFetchAs({ kind: 'app' })(MEMBERS)).status).toBe(200);
      const refused = await a.rawFetchAs({ kind: 'app' })(MEMBERS);
      expect(refused.headers.get('ratelimit-reason')).toBe('jira-quota-tenant-based');
      expect(refused.headers.get('ratelimit-policy')).toBe('"tenant-app-quota";q=17;w=3600');
      expect((await b.rawFetchAs({ kind: 'app' })(MEMBERS)).status).toBe(200);
    });

    it("burst: Jira's documented 50 a second for DELETE on one endpoint, then 429 jira-burst-based", async () => {
      const site = await start(new PointsPool(1_000_000, 1), { burstLimitPerSecond: 'documented' });
      const remove = site.rawFetchAs({ kind: 'user', accountId: ADMIN });
      const statuses: number[] = [];
      for (let i = 0; i < 50; i++)
        statuses.push(
          (await remove(`/rest/api/3/group/user?groupId=${GROUP}&accountId=m-0`, { method: 'DELETE' })).status,
        );
      expect(statuses.filter((s) => s === 429)).toEqual([]);
      const refused = await remove(`/rest/api/3/group/user?groupId=${GROUP}&accountId=m-0`, { method: 'DELETE' });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('ratelimit-reason')).toBe('jira-burst-based');
      // GET on another endpoint is counted apart.
      expect((await remove(MEMBERS)).status).toBe(200);
    });
  });
});
