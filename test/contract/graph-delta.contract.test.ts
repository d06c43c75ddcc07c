import type { GraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { startGraphSimulator } from '../../dev/sim/graph/graph-simulator';
import type { GraphDirectory } from '../../src/adapters/graph';
import type { HttpFetch } from '../../src/ports/http';
import type { GroupDeltaEntry, GroupsDeltaPage, UsersDeltaPage } from '../../src/ports/entra-directory';
import { DELTA_LATEST } from '../../src/ports/entra-directory';
import { groupId, rawGet, scenario, user, wire } from './graph-fixtures';
import { rejectionOf } from '../helpers';
import { nodeFetch } from '../../dev/host/node-fetch';

/** Delta queries end to end: the adapter's rounds against the simulator's change tracking over HTTP. */

const ALPHA = groupId(1);
const BETA = groupId(2);
const BIG = groupId(3);
const GAMMA = groupId(4);
const users = Array.from({ length: 650 }, (_, i) => user(i + 1));
const id = (n: number) => users[n - 1]!.id;
const groups = [
  { id: ALPHA, displayName: 'Alpha', members: [id(1), id(2), id(3), BETA] },
  { id: BETA, displayName: 'Beta', members: [id(4)] },
  { id: BIG, displayName: 'Big', members: users.slice(0, 600).map((u) => u.id) },
  { id: GAMMA, displayName: 'Gamma', members: [] },
];

let sim: GraphSimulator;
let directory: GraphDirectory;
let urls: string[];

beforeEach(async () => {
  sim = await startGraphSimulator(scenario({ users, groups }));
  urls = [];
  const recording: HttpFetch = (url, init) => {
    if (url.includes('/v1.0/')) urls.push(url);
    return nodeFetch(url, init);
  };
  directory = wire(sim, { fetch: recording }).directory;
  await directory.verifyCredentials();
});
afterEach(async () => {
  await sim.close();
});

/** Follows nextLinks to the end of a round, keeping every page. */
async function usersRound(link: string | null): Promise<UsersDeltaPage[]> {
  const pages = [await directory.usersDelta(link)];
  while (pages.at(-1)!.next !== null) pages.push(await directory.usersDelta(pages.at(-1)!.next));
  return pages;
}

async function groupsRound(ids: string[] | null, link: string | null): Promise<GroupsDeltaPage[]> {
  const pages = [await directory.groupsDelta(ids, link)];
  while (pages.at(-1)!.next !== null) pages.push(await directory.groupsDelta(ids, pages.at(-1)!.next));
  return pages;
}

const entries = (pages: GroupsDeltaPage[]): GroupDeltaEntry[] => pages.flatMap((p) => p.groups);
const deltaLinkOf = (pages: Array<{ deltaLink: string | null }>): string => pages.at(-1)!.deltaLink!;

describe('users delta', () => {
  it('pages the initial round (server-sized pages, no $top) to a deltaLink', async () => {
    const pages = await usersRound(null);
    expect(pages.map((p) => p.users.length)).toEqual([200, 200, 200, 50]);
    expect(pages.slice(0, -1).every((p) => p.next !== null && p.deltaLink === null)).toBe(true);
    expect(pages.at(-1)).toMatchObject({ next: null, deltaLink: expect.stringContaining('$deltatoken=') });
    expect(new Set(pages.flatMap((p) => p.users.map((u) => u.id))).size).toBe(650);
    expect(pages[0]!.users[0]).toEqual({
      id: id(1),
      userPrincipalName: 'user1@contoso.onmicrosoft.com',
      mail: 'user1@contoso.com',
      displayName: 'User 1',
      accountEnabled: true,
      userType: 'Member',
    });
    expect(urls[0]).toContain('/v1.0/users/delta?$select=');
    expect(urls[0]).not.toContain('$top');
    expect(urls).toHaveLength(4);
  });

  it('answers a round with no changes in exactly one request, empty, with a new deltaLink', async () => {
    const link = deltaLinkOf(await usersRound(null));
    const before = sim.graphRequestCount();
    const page = await directory.usersDelta(link);
    expect(sim.graphRequestCount() - before).toBe(1);
    expect(page).toEqual({ users: [], removedIds: [], next: null, deltaLink: expect.stringContaining('$deltatoken=') });
  });

  it('reports changed and new users in full and deleted users as removedIds', async () => {
    const link = deltaLinkOf(await usersRound(null));
    sim.updateUser(id(5), { displayName: 'Renamed', accountEnabled: false });
    sim.addUser(user(9001));
    sim.deleteUser(id(6));
    // otherMails is not selected, so Graph does not track it.
    sim.updateUser(id(7), { otherMails: ['seven@example.com'] });
    const pages = await usersRound(link);
    const changed = pages.flatMap((p) => p.users);
    expect(changed).toEqual([
      {
        id: id(5),
        userPrincipalName: 'user5@contoso.onmicrosoft.com',
        mail: 'user5@contoso.com',
        displayName: 'Renamed',
        accountEnabled: false,
        userType: 'Member',
      },
      expect.objectContaining({ id: user(9001).id, userPrincipalName: 'user9001@contoso.onmicrosoft.com' }),
    ]);
    expect(pages.flatMap((p) => p.removedIds)).toEqual([id(6)]);
    // The next round starts after these changes.
    expect(await directory.usersDelta(deltaLinkOf(pages))).toMatchObject({ users: [], removedIds: [] });
  });

  it('starts from now with DELTA_LATEST: no data, then only later changes', async () => {
    const latest = await directory.usersDelta(DELTA_LATEST);
    expect(latest).toMatchObject({ users: [], removedIds: [], next: null });
    expect(urls[0]).toContain('$deltatoken=latest');
    sim.updateUser(id(9), { mail: 'nine@contoso.com' });
    const page = await directory.usersDelta(latest.deltaLink);
    expect(page.users.map((u) => u.mail)).toEqual(['nine@contoso.com']);
  });

  it('keeps a round fixed once started: changes during paging come in the next round', async () => {
    const first = await directory.usersDelta(null);
    sim.updateUser(id(1), { displayName: 'Changed mid-round' });
    const rest = await usersRound(first.next);
    expect([first, ...rest].flatMap((p) => p.users)).toHaveLength(650);
    const next = await directory.usersDelta(deltaLinkOf(rest));
    expect(next.users.map((u) => u.displayName)).toEqual(['Changed mid-round']);
  });
});

describe('groups delta', () => {
  it('tracks only the filtered groups and lists direct members with their types', async () => {
    const pages = await groupsRound([ALPHA, BETA], null);
    expect(urls[0]).toContain(`$filter=${encodeURIComponent(`id eq '${ALPHA}' or id eq '${BETA}'`)}`);
    const found = entries(pages);
    expect(found.map((g) => g.id)).toEqual([ALPHA, BETA]);
    expect(found[0]).toEqual({
      id: ALPHA,
      displayName: 'Alpha',
      removed: false,
      membersAdded: [
        { id: id(1), type: 'user' },
        { id: id(2), type: 'user' },
        { id: id(3), type: 'user' },
        { id: BETA, type: 'group' },
      ],
      membersRemoved: [],
    });
  });

  it('reports members added and removed, nested groups included, only for tracked groups', async () => {
    const link = deltaLinkOf(await groupsRound([ALPHA, BETA], null));
    sim.addMember(ALPHA, id(10));
    sim.removeMember(ALPHA, id(1));
    sim.addMember(BETA, GAMMA);
    sim.addMember(BIG, id(640));
    // Added then removed within one round cancels out.
    sim.addMember(ALPHA, id(11));
    sim.removeMember(ALPHA, id(11));
    const found = entries(await groupsRound(null, link));
    expect(found).toEqual([
      {
        id: ALPHA,
        displayName: 'Alpha',
        removed: false,
        membersAdded: [{ id: id(10), type: 'user' }],
        membersRemoved: [{ id: id(1), type: 'user' }],
      },
      {
        id: BETA,
        displayName: 'Beta',
        removed: false,
        membersAdded: [{ id: GAMMA, type: 'group' }],
        membersRemoved: [],
      },
    ]);
  });

  it('splits a big group across two pages as two entries with the same id', async () => {
    const pages = await groupsRound(null, null);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const pagesWithBig = pages.filter((p) => p.groups.some((g) => g.id === BIG));
    expect(pagesWithBig).toHaveLength(2);
    const bigEntries = entries(pages).filter((g) => g.id === BIG);
    expect(bigEntries.map((g) => g.membersAdded.length)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(new Set(bigEntries.flatMap((g) => g.membersAdded.map((m) => m.id))).size).toBe(600);
  });

  it('reports a deleted group as removed, and its membership in its parent as removed', async () => {
    const link = deltaLinkOf(await groupsRound(null, null));
    sim.deleteGroup(BETA);
    sim.deleteUser(id(2));
    const found = entries(await groupsRound(null, link));
    expect(found.find((g) => g.id === BETA)).toEqual({
      id: BETA,
      displayName: null,
      removed: true,
      membersAdded: [],
      membersRemoved: [],
    });
    expect(found.find((g) => g.id === ALPHA)?.membersRemoved).toEqual([
      { id: BETA, type: 'group' },
      { id: id(2), type: 'user' },
    ]);
    expect(found.find((g) => g.id === BIG)?.membersRemoved).toEqual([{ id: id(2), type: 'user' }]);
  });

  it('reports a new group with all its members', async () => {
    const link = (await directory.groupsDelta(null, DELTA_LATEST)).deltaLink;
    sim.addGroup({ id: groupId(50), displayName: 'New', members: [id(20), ALPHA] });
    const found = entries(await groupsRound(null, link));
    expect(found).toEqual([
      {
        id: groupId(50),
        displayName: 'New',
        removed: false,
        membersAdded: [
          { id: id(20), type: 'user' },
          { id: ALPHA, type: 'group' },
        ],
        membersRemoved: [],
      },
    ]);
  });

  it('refuses more than 50 ids before calling Graph', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => groupId(100 + i));
    const before = sim.graphRequestCount();
    const error = await rejectionOf(directory.groupsDelta(ids, null));
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('delta-filter-invalid');
    expect(sim.graphRequestCount()).toBe(before);
    await expect(directory.groupsDelta(ids.slice(0, 50), null)).resolves.toMatchObject({ groups: [], next: null });
  });

  it('has the simulator refuse a raw delta filter of 51 ids and other filter forms', async () => {
    const filter = Array.from({ length: 51 }, (_, i) => `id eq '${groupId(100 + i)}'`).join(' or ');
    const tooMany = await rawGet(sim, `/v1.0/groups/delta?$select=id&$filter=${encodeURIComponent(filter)}`);
    expect(tooMany.status).toBe(400);
    const other = await rawGet(sim, `/v1.0/groups/delta?$filter=${encodeURIComponent("startswith(displayName,'A')")}`);
    expect(other).toMatchObject({ status: 400, body: { error: { code: 'Request_UnsupportedQuery' } } });
  });
});

describe('expired delta state', () => {
  it('turns a deltaLink used after the tokens expired into delta-expired (400 syncStateNotFound)', async () => {
    const usersLink = deltaLinkOf(await usersRound(null));
    const groupsLink = deltaLinkOf(await groupsRound([ALPHA], null));
    sim.expireDeltaTokens();
    for (const error of [
      await rejectionOf(directory.usersDelta(usersLink)),
      await rejectionOf(directory.groupsDelta(null, groupsLink)),
    ]) {
      expect(error.code).toBe('delta-expired');
      expect(error.retryable).toBe(false);
      expect(error.message).toContain('full read');
    }
    const raw = await rawGet(sim, usersLink);
    expect(raw).toMatchObject({ status: 400, body: { error: { code: 'syncStateNotFound' } } });
  });

  it('also expires a nextLink of a round in progress', async () => {
    const first = await directory.usersDelta(null);
    sim.expireDeltaTokens();
    expect((await rejectionOf(directory.usersDelta(first.next))).code).toBe('delta-expired');
  });

  it('turns HTTP 410 into delta-expired, whatever the body says', async () => {
    const link = deltaLinkOf(await usersRound(null));
    sim.faults.add({ service: 'graph', path: '/v1.0/users/delta', status: 410 });
    expect((await rejectionOf(directory.usersDelta(link))).code).toBe('delta-expired');
    sim.faults.add({
      service: 'graph',
      path: '/v1.0/groups/delta',
      status: 410,
      body: { error: { code: 'Gone', message: 'start over' } },
    });
    expect((await rejectionOf(directory.groupsDelta(null, null))).code).toBe('delta-expired');
  });

  it('expires tokens older than the scenario lifetime', async () => {
    const shortLived = scenario({ users: users.slice(0, 3) });
    shortLived.entra.deltaTokenLifetimeSeconds = 0.05;
    const short = await startGraphSimulator(shortLived);
    try {
      const shortDirectory = wire(short).directory;
      const page = await shortDirectory.usersDelta(null);
      expect(await shortDirectory.usersDelta(page.deltaLink)).toMatchObject({ users: [] });
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect((await rejectionOf(shortDirectory.usersDelta(page.deltaLink))).code).toBe('delta-expired');
    } finally {
      await short.close();
    }
  });
});

describe('delta permissions', () => {
  it('names User.Read.All for users/delta and GroupMember.Read.All for groups/delta', async () => {
    const groupsOnly = await startGraphSimulator(scenario({ users, groups, app: { roles: ['GroupMember.Read.All'] } }));
    const usersOnly = await startGraphSimulator(scenario({ users, groups, app: { roles: ['User.Read.All'] } }));
    try {
      const usersError = await rejectionOf(wire(groupsOnly).directory.usersDelta(null));
      expect(usersError.code).toBe('graph-permission-missing');
      expect(usersError.message).toContain('User.Read.All');
      const groupsError = await rejectionOf(wire(usersOnly).directory.groupsDelta(null, null));
      expect(groupsError.code).toBe('graph-permission-missing');
      expect(groupsError.message).toContain('GroupMember.Read.All');
    } finally {
      await Promise.all([groupsOnly.close(), usersOnly.close()]);
    }
  });
});
