import { GROUP_PICKER_LIMIT } from '../../dev/sim/jira/group-picker-route';
import type { JiraSite } from './jira-support';
import { ADMIN, jiraScenario, jiraUser, startJiraSite } from './jira-support';

/** The mapping picker's group search: the adapter against the simulated groups/picker over HTTP. */

const PLATFORM = 'e5e5e5e5-0000-4000-8000-000000000005';
const many = Array.from({ length: 30 }, (_, i) => ({ name: `squad-${String(i).padStart(2, '0')}`, members: [] }));

interface FoundGroups {
  header: string;
  total: number;
  groups: Array<{ name: string; html: string; groupId: string; labels: Array<{ type: string }> }>;
}

describe('Jira group search', () => {
  let site: JiraSite;
  beforeAll(async () => {
    site = await startJiraSite(
      jiraScenario({
        users: [jiraUser('customer-1', { accountType: 'customer' })],
        groups: [
          { name: 'Engineering-Platform', groupId: PLATFORM, members: [] },
          { name: 'engineering-web', members: [] },
          { name: 'jira-software-users', members: [ADMIN], defaultAccess: true },
          { name: 'jira-admins-acme', members: [], accessType: 'admin' },
          { name: 'R&D <core>', members: [] },
          ...many,
        ],
      }),
    );
  });
  afterAll(() => site.sim.close());

  const picker = async (
    query: string,
    as: Parameters<JiraSite['fetchAs']>[0] = { kind: 'app' },
  ): Promise<FoundGroups> => {
    const response = await site.rawFetchAs(as)(`/rest/api/3/groups/picker?${query}`);
    expect(response.status).toBe(200);
    return JSON.parse(await response.text()) as FoundGroups;
  };

  it('finds groups whose name contains the query, ignoring case, sorted, with groupIds', async () => {
    const found = await site.directory().searchGroups('ENGINEERING', 10);
    expect(found).toEqual([
      { name: 'Engineering-Platform', groupId: PLATFORM, protected: false, access: null },
      { name: 'engineering-web', groupId: expect.any(String), protected: false, access: null },
    ]);
  });

  it('marks site-admin, admin and product-access groups protected, as groupsByName does', async () => {
    const found = await site.directory().searchGroups('-', 50);
    const byName = new Map(found.map((g) => [g.name, g.protected]));
    expect(byName.get('jira-software-users')).toBe(true);
    expect(byName.get('jira-admins-acme')).toBe(true);
    expect(byName.get('site-admins')).toBe(true);
    expect(byName.get('engineering-web')).toBe(false);
    const byLookup = await site.directory().groupsByName([...byName.keys()]);
    for (const group of byLookup) expect(byName.get(group.name)).toBe(group.protected);
  });

  it('returns at most the limit asked for, and nothing (no call) for a limit below one', async () => {
    expect(await site.directory().searchGroups('squad', 5)).toHaveLength(5);
    const before = site.sim.requestCount();
    expect(await site.directory().searchGroups('squad', 0)).toEqual([]);
    expect(site.sim.requestCount()).toBe(before);
  });

  it('returns an empty list when nothing matches', async () => {
    expect(await site.directory().searchGroups('no-such-team', 10)).toEqual([]);
  });

  it('sends the query, maxResults and caseInsensitive=true as the app', async () => {
    const before = site.calls.length;
    await site.directory().searchGroups('web', 7);
    const call = site.calls.slice(before).find((c) => c.url.startsWith('/rest/api/3/groups/picker'));
    const params = new URL(call?.url ?? '', 'http://site').searchParams;
    expect(Object.fromEntries(params)).toEqual({ query: 'web', maxResults: '7', caseInsensitive: 'true' });
  });

  it('the simulator answers 20 by default and never more, with the total and header', async () => {
    const byDefault = await picker('query=squad');
    expect(byDefault.groups).toHaveLength(GROUP_PICKER_LIMIT);
    expect(byDefault.total).toBe(30);
    expect(byDefault.header).toBe('Showing 20 of 30 matching groups');
    expect((await picker('query=squad&maxResults=500')).groups).toHaveLength(GROUP_PICKER_LIMIT);
    expect((await site.directory().searchGroups('squad', 25)).length).toBe(GROUP_PICKER_LIMIT);
  });

  it('the simulator matches case-sensitively unless caseInsensitive=true', async () => {
    expect((await picker('query=engineering')).groups.map((g) => g.name)).toEqual(['engineering-web']);
    expect((await picker('query=engineering&caseInsensitive=true')).groups.map((g) => g.name)).toEqual([
      'Engineering-Platform',
      'engineering-web',
    ]);
  });

  it('the simulator highlights the match in escaped HTML and labels access groups', async () => {
    const [rnd] = (await picker('query=core')).groups;
    expect(rnd?.html).toBe('R&amp;D &lt;<b>core</b>&gt;');
    const labels = new Map(
      (await picker('query=a&caseInsensitive=true&maxResults=20')).groups.map((g) => [
        g.name,
        g.labels.map((l) => l.type),
      ]),
    );
    expect(labels.get('jira-admins-acme')).toEqual(['ADMIN']);
    expect(labels.get('jira-software-users')).toEqual(['SINGLE']);
    expect(labels.get('Engineering-Platform')).toEqual([]);
  });

  it('the simulator leaves out excluded groups and refuses exclude with excludeId', async () => {
    expect(
      (await picker(`query=engineering&caseInsensitive=true&excludeId=${PLATFORM}`)).groups.map((g) => g.name),
    ).toEqual(['engineering-web']);
    expect(
      (await picker('query=engineering&caseInsensitive=true&exclude=ENGINEERING-WEB')).groups.map((g) => g.name),
    ).toEqual(['Engineering-Platform']);
    const both = await site.rawFetchAs({ kind: 'app' })(`/rest/api/3/groups/picker?exclude=x&excludeId=${PLATFORM}`);
    expect(both.status).toBe(400);
  });

  it('without Browse users and groups, the simulator matches exact names only', async () => {
    const customer = { kind: 'user' as const, accountId: 'customer-1' };
    expect((await picker('query=engineering', customer)).groups).toEqual([]);
    expect((await picker('query=engineering-web', customer)).groups.map((g) => g.name)).toEqual(['engineering-web']);
  });
});
