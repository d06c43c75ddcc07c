import type { GraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { startGraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { MAX_PATH_GROUPS } from '../../src/adapters/graph/membership-path';
import type { HttpFetch } from '../../src/ports/http';
import { groupId, rawGet, scenario, user, wire } from './graph-fixtures';
import { rejectionOf } from '../helpers';
import { nodeFetch } from '../../dev/host/node-fetch';

/** The reads behind "explain a user" and incremental runs: user search, nesting paths, transitive members with groups. */

const ROOT = groupId(1);
const MIDDLE = groupId(2);
const LEAF = groupId(3);
const users = [
  ...Array.from({ length: 30 }, (_, i) => user(i + 1)),
  user(100, {
    displayName: 'Ada Lovelace',
    mail: 'ada@contoso.com',
    userPrincipalName: 'alovelace@contoso.onmicrosoft.com',
  }),
  user(101, { displayName: "Siobhan O'Brien", mail: null, userPrincipalName: 'sobrien@contoso.onmicrosoft.com' }),
];
const id = (n: number) => user(n).id;
const CHAIN = Array.from({ length: MAX_PATH_GROUPS + 5 }, (_, i) => groupId(1000 + i));
const groups = [
  // Three levels with a cycle back to the root; user 3 is a direct member of the leaf only.
  { id: ROOT, displayName: 'Engineering', members: [id(1), MIDDLE] },
  { id: MIDDLE, displayName: 'Platform', members: [id(2), LEAF] },
  { id: LEAF, displayName: 'SRE', members: [id(3), ROOT] },
  // A nesting chain longer than the walk's limit, with the user at the bottom.
  ...CHAIN.map((g, i) => ({
    id: g,
    displayName: `Level ${i}`,
    members: i + 1 < CHAIN.length ? [CHAIN[i + 1]!] : [id(4)],
  })),
];

let sim: GraphSimulator;
let urls: string[];
const recording: HttpFetch = (url, init) => {
  if (url.includes('/v1.0/')) urls.push(url);
  return nodeFetch(url, init);
};

beforeAll(async () => {
  sim = await startGraphSimulator(scenario({ users, groups }));
});
beforeEach(() => {
  urls = [];
});
afterAll(async () => {
  await sim.close();
});

describe('findUsers', () => {
  it('matches mail, UPN or display name prefixes case-insensitively, up to the limit', async () => {
    const { directory } = wire(sim, { fetch: recording });
    const found = await directory.findUsers('  USER1', 5);
    expect(found.map((u) => u.userPrincipalName)).toEqual([
      'user1@contoso.onmicrosoft.com',
      'user10@contoso.onmicrosoft.com',
      'user11@contoso.onmicrosoft.com',
      'user12@contoso.onmicrosoft.com',
      'user13@contoso.onmicrosoft.com',
    ]);
    expect(decodeURIComponent(urls[0]!)).toContain(
      "$filter=startswith(mail,'USER1') or startswith(userPrincipalName,'USER1') or startswith(displayName,'USER1')&$select=",
    );
    expect(urls[0]).toContain('$top=5');
    expect((await directory.findUsers('ada', 5)).map((u) => u.id)).toEqual([id(100)]);
    expect((await directory.findUsers('ALOVE', 5)).map((u) => u.id)).toEqual([id(100)]);
  });

  it('treats an injection-like query literally and finds names with quotes', async () => {
    const { directory } = wire(sim);
    expect(await directory.findUsers("x') or startswith(mail,'", 10)).toEqual([]);
    expect(await directory.findUsers("user1') or true or ('", 10)).toEqual([]);
    expect((await directory.findUsers("siobhan o'b", 10)).map((u) => u.id)).toEqual([id(101)]);
  });

  it('sends nothing for an empty query', async () => {
    const { directory } = wire(sim, { fetch: recording });
    expect(await directory.findUsers('   ', 10)).toEqual([]);
    expect(urls).toEqual([]);
  });

  it('has the simulator refuse user filters that need advanced queries, and serve the default-supported ones', async () => {
    for (const filter of [
      "endswith(mail,'contoso.com')",
      "startswith(givenName,'a')",
      "startswith(mail,'a') and startswith(displayName,'b') or mail eq 'c'",
      "mail ne 'a'",
    ]) {
      const response = await rawGet(sim, `/v1.0/users?$filter=${encodeURIComponent(filter)}`);
      expect(response.status).toBe(400);
      expect((response.body.error as { code: string }).code).toMatch(/Request_UnsupportedQuery|BadRequest/);
    }
    for (const filter of [
      "mail eq 'a'",
      "startswith(mail,'a') and startswith(displayName,'b')",
      'accountEnabled eq false',
      "userType eq 'Guest'",
    ]) {
      expect((await rawGet(sim, `/v1.0/users?$filter=${encodeURIComponent(filter)}`)).status).toBe(200);
    }
  });
});

describe('membershipPath', () => {
  it('returns the chain from the root to the group holding the user, through 3 levels and a cycle', async () => {
    const { directory } = wire(sim);
    expect(await directory.membershipPath(ROOT, id(3))).toEqual([
      { id: ROOT, displayName: 'Engineering' },
      { id: MIDDLE, displayName: 'Platform' },
      { id: LEAF, displayName: 'SRE' },
    ]);
    expect(await directory.membershipPath(ROOT, id(1).toUpperCase())).toEqual([
      { id: ROOT, displayName: 'Engineering' },
    ]);
    expect(await directory.membershipPath(LEAF, id(2))).toEqual([
      { id: LEAF, displayName: 'SRE' },
      { id: ROOT, displayName: 'Engineering' },
      { id: MIDDLE, displayName: 'Platform' },
    ]);
  });

  it('answers null for a non-member after reading each group of the cycle once', async () => {
    const { directory } = wire(sim, { fetch: recording });
    expect(await directory.membershipPath(ROOT, id(20))).toBeNull();
    expect(urls).toHaveLength(3);
    expect(urls.every((u) => u.includes('/members?$select=id%2CdisplayName&$top=999'))).toBe(true);
  });

  it(`stops after ${MAX_PATH_GROUPS} groups`, async () => {
    const { directory } = wire(sim, { fetch: recording });
    expect(await directory.membershipPath(CHAIN[0]!, id(4))).toBeNull();
    expect(urls).toHaveLength(MAX_PATH_GROUPS);
    urls = [];
    expect((await directory.membershipPath(CHAIN[10]!, id(4)))?.map((g) => g.id)).toEqual(CHAIN.slice(10));
  });

  it('fails with entra-group-not-found for an unknown root', async () => {
    expect((await rejectionOf(wire(sim).directory.membershipPath(groupId(999), id(1)))).code).toBe(
      'entra-group-not-found',
    );
  });
});

describe('transitiveMembersPage', () => {
  it('returns the users and the nested group ids (never the root itself)', async () => {
    const page = await wire(sim).directory.transitiveMembersPage(ROOT, null);
    expect(page.next).toBeNull();
    expect(page.users.map((u) => u.id).sort()).toEqual([id(1), id(2), id(3)].sort());
    expect(page.groupIds.sort()).toEqual([MIDDLE, LEAF].sort());
  });

  it('lists every nested group of a deep chain, in nesting order', async () => {
    const page = await wire(sim).directory.transitiveMembersPage(CHAIN[0]!, null);
    expect(page.groupIds).toEqual(CHAIN.slice(1));
    expect(page.users.map((u) => u.id)).toEqual([id(4)]);
  });
});
