import type { GraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { startGraphSimulator } from '../../dev/sim/graph/graph-simulator';
import type { CachedToken } from '../../src/ports/entra-directory';
import { groupId, scenario, user, wire } from './graph-fixtures';
import { nodeFetch } from '../../dev/host/node-fetch';
import { rejectionOf, VirtualClock } from '../helpers';

/** The real Graph adapter against the simulator over HTTP: token use, reads, paging, nesting, search. */

const ROOT = groupId(1);
const MIDDLE = groupId(2);
const LEAF = groupId(3);
const DEEPEST = groupId(4);
const OBRIEN = groupId(5);
const EVERYONE = groupId(6);

const bigTenant = Array.from({ length: 2100 }, (_, i) => user(i + 1));
const groups = [
  // Depth 4 with a cycle back to the root; user 1 appears at two levels.
  { id: ROOT, displayName: 'Engineering', members: [bigTenant[0]!.id, MIDDLE] },
  { id: MIDDLE, displayName: 'Engineering Platform', members: [bigTenant[1]!.id, LEAF] },
  { id: LEAF, displayName: 'Engineering Platform SRE', members: [bigTenant[2]!.id, DEEPEST, bigTenant[0]!.id] },
  { id: DEEPEST, displayName: 'On-call', members: [bigTenant[3]!.id, ROOT] },
  { id: OBRIEN, displayName: "O'Brien's team", members: [] },
  { id: EVERYONE, displayName: 'All staff', members: [...bigTenant.map((u) => u.id), MIDDLE] },
  ...Array.from({ length: 20 }, (_, i) => ({ id: groupId(100 + i), displayName: `Team ${i}`, members: [] })),
];

let sim: GraphSimulator;

beforeAll(async () => {
  sim = await startGraphSimulator(scenario({ users: bigTenant, groups }));
});
afterAll(async () => {
  await sim.close();
});

describe('token use', () => {
  it('requests one token for many Graph calls and sends it as a bearer token', async () => {
    const { directory, calls } = wire(sim);
    const tokensBefore = sim.tokenRequestCount();
    const graphBefore = sim.graphRequestCount();
    await directory.verifyCredentials();
    await directory.usersPage(null);
    await directory.transitiveMembersPage(ROOT, null);
    await directory.searchGroups('Eng', 10);
    await directory.groupsByIds([ROOT]);
    expect(sim.tokenRequestCount() - tokensBefore).toBe(1);
    expect(sim.graphRequestCount() - graphBefore).toBe(4);
    expect(calls.filter((c) => c === 'token')).toHaveLength(1);
    expect(calls.filter((c) => c === 'graph')).toHaveLength(4);
  });

  it('shares one token request between parallel calls', async () => {
    const { directory } = wire(sim);
    const before = sim.tokenRequestCount();
    await Promise.all([
      directory.searchGroups('Team', 5),
      directory.searchGroups('Eng', 5),
      directory.groupsByIds([LEAF]),
    ]);
    expect(sim.tokenRequestCount() - before).toBe(1);
  });

  it('renews the token only within 5 minutes of its expiry', async () => {
    const { directory, clock } = wire(sim);
    const before = sim.tokenRequestCount();
    await directory.verifyCredentials();
    clock.advance((3599 - 301) * 1000);
    await directory.verifyCredentials();
    expect(sim.tokenRequestCount() - before).toBe(1);
    clock.advance(2 * 1000);
    await directory.verifyCredentials();
    expect(sim.tokenRequestCount() - before).toBe(2);
  });

  it('reuses a token from the shared cache across adapter instances', async () => {
    const store: { value?: CachedToken } = {};
    const tokenCache = { get: async () => store.value, set: async (value: CachedToken) => void (store.value = value) };
    const before = sim.tokenRequestCount();
    await wire(sim, { tokenCache }).directory.usersPage(null);
    expect(store.value?.token.split('.')).toHaveLength(3);
    await wire(sim, { tokenCache }).directory.usersPage(null);
    expect(sim.tokenRequestCount() - before).toBe(1);
  });

  it('ignores a cached token issued for another secret', async () => {
    const store: { value?: CachedToken } = {};
    const tokenCache = { get: async () => store.value, set: async (value: CachedToken) => void (store.value = value) };
    await wire(sim, { tokenCache }).directory.verifyCredentials();
    const error = await rejectionOf(
      wire(sim, { tokenCache, clientSecret: 'a-different-secret-value' }).directory.verifyCredentials(),
    );
    expect(error.code).toBe('secret-invalid');
  });

  it('on a 401 drops the cached token and retries once with a fresh one', async () => {
    const store: { value?: CachedToken } = {};
    const tokenCache = { get: async () => store.value, set: async (value: CachedToken) => void (store.value = value) };
    const { directory, clock } = wire(sim, { tokenCache });
    store.value = { token: 'eyJhbGciOiJub25lIn0.eyJyb2xlcyI6W119.revoked', expiresAt: clock.now() + 3_000_000 };
    const tokensBefore = sim.tokenRequestCount();
    const graphBefore = sim.graphRequestCount();
    const page = await directory.usersPage(null);
    expect(page.items).toHaveLength(999);
    expect(sim.tokenRequestCount() - tokensBefore).toBe(1);
    expect(sim.graphRequestCount() - graphBefore).toBe(2);
    expect(store.value.token).not.toContain('revoked');
  });

  it('recovers when every issued token is revoked mid-session', async () => {
    const { directory } = wire(sim);
    await directory.verifyCredentials();
    sim.revokeTokens();
    const before = sim.tokenRequestCount();
    await expect(directory.groupsByIds([ROOT])).resolves.toEqual([{ id: ROOT, displayName: 'Engineering' }]);
    expect(sim.tokenRequestCount() - before).toBe(1);
  });
});

describe('reads', () => {
  it('pages 2,100 users in exactly 3 requests of up to 999, following nextLink verbatim', async () => {
    const { directory } = wire(sim);
    await directory.verifyCredentials();
    const before = sim.graphRequestCount();
    const sizes: number[] = [];
    const ids = new Set<string>();
    let next: string | null = null;
    do {
      const page = await directory.usersPage(next);
      sizes.push(page.items.length);
      page.items.forEach((u) => ids.add(u.id));
      if (page.next) expect(page.next.startsWith(sim.url)).toBe(true);
      next = page.next;
    } while (next !== null);
    expect(sizes).toEqual([999, 999, 102]);
    expect(ids.size).toBe(2100);
    expect(sim.graphRequestCount() - before).toBe(3);
  });

  it('pages the transitive members of a large group through nextLink, each user once', async () => {
    const { directory } = wire(sim);
    const ids = new Set<string>();
    const groupIds: string[] = [];
    let pages = 0;
    let next: string | null = null;
    do {
      const page = await directory.transitiveMembersPage(EVERYONE, next);
      pages++;
      page.users.forEach((u) => ids.add(u.id));
      groupIds.push(...page.groupIds);
      if (page.next) expect(page.next.startsWith(sim.url)).toBe(true);
      next = page.next;
    } while (next !== null);
    expect(pages).toBeGreaterThan(1);
    expect(ids.size).toBe(2100);
    expect(groupIds.sort()).toEqual([MIDDLE, LEAF, DEEPEST, ROOT].sort());
  });

  it('maps the selected user fields into EntraUser', async () => {
    const page = await wire(sim).directory.usersPage(null);
    expect(page.items[0]).toEqual({
      id: bigTenant[0]!.id,
      userPrincipalName: 'user1@contoso.onmicrosoft.com',
      mail: 'user1@contoso.com',
      displayName: 'User 1',
      accountEnabled: true,
      userType: 'Member',
    });
  });

  it('flattens nesting 4 levels deep with a cycle, keeping each user once and listing nested groups apart', async () => {
    const page = await wire(sim).directory.transitiveMembersPage(ROOT, null);
    expect(page.next).toBeNull();
    expect(page.groupIds.sort()).toEqual([MIDDLE, LEAF, DEEPEST].sort());
    expect(page.users.map((u) => u.userPrincipalName).sort()).toEqual([
      'user1@contoso.onmicrosoft.com',
      'user2@contoso.onmicrosoft.com',
      'user3@contoso.onmicrosoft.com',
      'user4@contoso.onmicrosoft.com',
    ]);
  });

  it('turns an unknown group into entra-group-not-found', async () => {
    const error = await rejectionOf(wire(sim).directory.transitiveMembersPage(groupId(999), null));
    expect(error.code).toBe('entra-group-not-found');
    expect(error.message).toContain(groupId(999));
  });

  it('refuses to send the token to a nextLink on another host', async () => {
    const error = await rejectionOf(wire(sim).directory.usersPage('https://evil.example.com/v1.0/users?$skiptoken=x'));
    expect(error.code).toBe('graph-invalid-next-link');
  });

  it('looks groups up by id in chunks of 15, leaving unknown ids out', async () => {
    const { directory } = wire(sim);
    await directory.verifyCredentials();
    const wanted = [...Array.from({ length: 20 }, (_, i) => groupId(100 + i)), groupId(998), ROOT];
    const before = sim.graphRequestCount();
    const found = await directory.groupsByIds(wanted);
    expect(sim.graphRequestCount() - before).toBe(2);
    expect(found.map((g) => g.id)).toEqual(wanted.filter((id) => id !== groupId(998)));
  });

  it('searches by display-name prefix, case-insensitively and bounded by the limit', async () => {
    const found = await wire(sim).directory.searchGroups('  engineering plat ', 10);
    expect(found.map((g) => g.displayName)).toEqual(['Engineering Platform', 'Engineering Platform SRE']);
    expect(await wire(sim).directory.searchGroups('Team', 3)).toHaveLength(3);
  });

  it('treats an OData injection attempt as a literal prefix', async () => {
    const { directory } = wire(sim);
    expect(await directory.searchGroups("x') or true or startswith(displayName,'", 50)).toEqual([]);
    expect(await directory.searchGroups("O'Brien", 50)).toEqual([{ id: OBRIEN, displayName: "O'Brien's team" }]);
  });
});

describe('groupsByIds for many groups', () => {
  it('lists the groups once instead of filtering 15 at a time when many are asked for', async () => {
    const { startGraphSimulator } = await import('../../dev/sim/graph/graph-simulator');
    const { createGraphDirectory } = await import('../../src/adapters/graph');
    const groups = Array.from({ length: 120 }, (_, i) => ({
      id: `20000000-0000-4000-8000-${i.toString().padStart(12, '0')}`,
      displayName: `Group ${i}`,
      members: [],
    }));
    const tenant = '6f1e2d3c-0000-4000-8000-00000000c0de';
    const client = 'a1b2c3d4-0000-4000-8000-0000000a99ec';
    const sim = await startGraphSimulator({
      entra: { users: [], groups },
      jira: { users: [], groups: [], siteAdmins: [] },
      settings: {
        tenantId: tenant,
        clientId: client,
        clientSecret: 'many-groups-secret-value',
        scope: { mode: 'all' },
        writeAs: { mode: 'runAsAdmin', accountId: 'a' },
      },
    });
    try {
      const directory = createGraphDirectory({
        fetch: nodeFetch,
        cloud: 'global',
        tenantId: tenant,
        clientId: client,
        clientSecret: 'many-groups-secret-value',
        clock: new VirtualClock(),
        endpoints: { loginBaseUrl: sim.url, graphBaseUrl: sim.url },
      });
      const wanted = [...groups.slice(0, 100).map((g) => g.id), '20000000-0000-4000-8000-999999999999'];
      const found = await directory.groupsByIds(wanted);
      expect(found.map((g) => g.id)).toEqual(groups.slice(0, 100).map((g) => g.id));
      expect(sim.graphRequestCount()).toBe(1);
      const few = await directory.groupsByIds(groups.slice(0, 20).map((g) => g.id));
      expect(few).toHaveLength(20);
      expect(sim.graphRequestCount()).toBe(3);
    } finally {
      await sim.close();
    }
  });
});
