import { Client, GraphError, PageIterator } from '@microsoft/microsoft-graph-client';
import type { GraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { startGraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { groupId, rawToken, scenario, user, wire } from './graph-fixtures';
import type { TrustedHttps } from '../helpers';
import { rejectionOf, trustedHttps } from '../helpers';

/**
 * Microsoft's own JavaScript client (@microsoft/microsoft-graph-client) against the Graph
 * simulator over HTTPS: a simulator change that breaks what Microsoft's client expects fails here.
 */
const users = Array.from({ length: 250 }, (_, i) => user(i + 1));
const CONTACT = '77777777-0000-4000-8000-000000000001';
const DEVICE = '77777777-0000-4000-8000-000000000002';
const groups = [
  { id: groupId(1), displayName: 'Outer', members: [users[0]!.id, groupId(2), CONTACT, DEVICE] },
  { id: groupId(2), displayName: 'Inner', members: users.slice(1, 150).map((u) => u.id) },
];

let sim: GraphSimulator;
let token: string;
let https: TrustedHttps;

beforeAll(async () => {
  https = await trustedHttps();
  const { tls } = https;
  sim = await startGraphSimulator(
    {
      ...scenario({ users, groups }),
      entra: {
        ...scenario({ users, groups }).entra,
        otherObjects: [
          { id: CONTACT, type: 'orgContact', displayName: 'Vendor Contact', mail: 'vendor@partner.example' },
          { id: DEVICE, type: 'device', displayName: 'Kiosk' },
        ],
      },
    },
    { tls },
  );
  token = await rawToken(sim, https.fetch);
});
afterAll(() => sim.close());

function sdk(baseUrl = sim.url): Client {
  // Microsoft's client attaches the token only for Graph hosts or customHosts, and only over https.
  return Client.init({
    authProvider: (done) => done(null, token),
    baseUrl: `${baseUrl}/`,
    customHosts: new Set(['127.0.0.1']),
    defaultVersion: 'v1.0',
    fetchOptions: { dispatcher: https.dispatcher } as RequestInit,
  });
}

/** The adapter on the simulator over HTTPS, trusting its certificate. */
function secureWire(overrides: Parameters<typeof wire>[1] = {}): ReturnType<typeof wire> {
  return wire(sim, { fetch: (url, init) => https.fetch(url, init), ...overrides });
}

async function collect(
  client: Client,
  first: unknown,
): Promise<{ items: Array<Record<string, unknown>>; iterator: PageIterator }> {
  const items: Array<Record<string, unknown>> = [];
  const iterator = new PageIterator(client, first as never, (item: Record<string, unknown>) => {
    items.push(item);
    return true;
  });
  await iterator.iterate();
  return { items, iterator };
}

describe("Microsoft's Graph client against the simulator over HTTPS", () => {
  it('pages every user with PageIterator, following https nextLinks built from the request', async () => {
    const client = sdk();
    const first = (await client.api('/users').select('id,mail').top(100).get()) as Record<string, unknown>;
    expect(String(first['@odata.nextLink'])).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\?/);
    const { items } = await collect(client, first);
    expect(items).toHaveLength(250);
    expect(new Set(items.map((u) => u.id)).size).toBe(250);
  });

  it('lists transitive members of every kind: users, nested groups, org contacts and devices', async () => {
    const client = sdk();
    const first = await client
      .api(`/groups/${groupId(1)}/transitiveMembers`)
      .select('id,displayName,mail')
      .top(50)
      .get();
    const { items } = await collect(client, first);
    const types = new Set(items.map((m) => m['@odata.type']));
    expect(types).toEqual(
      new Set([
        '#microsoft.graph.user',
        '#microsoft.graph.group',
        '#microsoft.graph.orgContact',
        '#microsoft.graph.device',
      ]),
    );
    expect(items.filter((m) => m['@odata.type'] === '#microsoft.graph.user')).toHaveLength(150);
    // The adapter keeps only users (and nested group ids), never a contact or a device.
    const page = await secureWire().directory.transitiveMembersPage(groupId(1), null);
    expect(page.users.map((u) => u.id)).not.toContain(CONTACT);
    expect(page.groupIds).toEqual([groupId(2)]);
  });

  it('reads users/delta to its deltaLink in both rounds; a deletion is soft ("changed") and a restore brings the user back', async () => {
    const client = sdk();
    const initial = await collect(client, await client.api('/users/delta').select('id,mail,accountEnabled').get());
    expect(initial.items.length).toBe(250);
    const firstLink = initial.iterator.getDeltaLink();
    expect(firstLink).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\/delta\?/);

    sim.deleteUser(users[9]!.id);
    const second = await collect(client, await client.api(firstLink as string).get());
    expect(second.items).toEqual([{ id: users[9]!.id, '@removed': { reason: 'changed' } }]);

    sim.restoreUser(users[9]!.id);
    const third = await collect(client, await client.api(second.iterator.getDeltaLink() as string).get());
    expect(third.items).toEqual([
      expect.objectContaining({ id: users[9]!.id, mail: users[9]!.mail, accountEnabled: true }),
    ]);
  });

  it('reads groups/delta with members@delta to its deltaLink, then sees a membership change', async () => {
    const client = sdk();
    const initial = await collect(client, await client.api('/groups/delta').select('id,displayName,members').get());
    const inner = initial.items
      .filter((g) => g.id === groupId(2))
      .flatMap((g) => (g['members@delta'] as unknown[]) ?? []);
    expect(inner).toHaveLength(149);
    sim.removeMember(groupId(2), users[1]!.id);
    const next = await collect(client, await client.api(initial.iterator.getDeltaLink() as string).get());
    expect(next.items).toEqual([
      expect.objectContaining({
        id: groupId(2),
        'members@delta': [
          { '@odata.type': '#microsoft.graph.user', id: users[1]!.id, '@removed': { reason: 'deleted' } },
        ],
      }),
    ]);
    sim.addMember(groupId(2), users[1]!.id);
  });

  it('parses the simulator errors as GraphError with code, status and request id', async () => {
    const error = (await sdk()
      .api('/groups/00000000-0000-4000-8000-00000000dead')
      .get()
      .catch((e: unknown) => e)) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('Request_ResourceNotFound');
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.headers?.get('request-id')).toBe(error.requestId);
  });

  it('waits out a 429 with Retry-After through its RetryHandler and then succeeds', async () => {
    sim.faults.add({ service: 'graph', path: '/v1.0/users', status: 429, retryAfter: 1, times: 1 });
    const before = sim.graphRequestCount();
    const page = (await sdk().api('/users').select('id').top(5).get()) as { value: unknown[] };
    expect(page.value).toHaveLength(5);
    expect(sim.graphRequestCount() - before).toBe(2);
  });

  it('counts only as an advanced query: $count with ConsistencyLevel eventual', async () => {
    const counted = (await sdk()
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .count(true)
      .filter('accountEnabled eq true')
      .top(10)
      .get()) as Record<string, unknown>;
    expect(counted['@odata.count']).toBe(250);
    const ignored = (await sdk().api('/users').count(true).top(10).get()) as Record<string, unknown>;
    expect(ignored['@odata.count']).toBeUndefined();
  });

  it('sends no token to a plain-http Graph host (why the simulators speak https)', async () => {
    const plain = await startGraphSimulator(scenario({ users: users.slice(0, 3) }));
    try {
      const error = (await sdk(plain.url)
        .api('/users')
        .get()
        .catch((e: unknown) => e)) as GraphError;
      expect(error.statusCode).toBe(401);
      expect(error.code).toBe('InvalidAuthenticationToken');
    } finally {
      await plain.close();
    }
  });
});

describe('the adapter against the HTTPS simulator', () => {
  it('gets a token for a tenant named by its verified domain, as Entra accepts', async () => {
    // Before, the simulator's token endpoint refused every tenant but the GUID.
    const page = await secureWire({ tenantId: 'contoso.onmicrosoft.com' }).directory.usersPage(null);
    expect(page.items.length).toBeGreaterThan(0);
    const unknown = await rejectionOf(secureWire({ tenantId: 'fabrikam.onmicrosoft.com' }).directory.usersPage(null));
    expect(unknown.code).toBe('tenant-not-found');
  });

  it('follows https nextLinks and still refuses a link to another origin', async () => {
    const directory = secureWire().directory;
    let next: string | null = null;
    let read = 0;
    do {
      const page = await directory.usersPage(next);
      read += page.items.length;
      next = page.next;
      if (next) expect(next.startsWith('https://')).toBe(true);
    } while (next);
    expect(read).toBe(250);
    const error = await rejectionOf(
      directory.usersPage(sim.url.replace('https://', 'http://') + '/v1.0/users?$skiptoken=x'),
    );
    expect(error.code).toBe('graph-invalid-next-link');
  });
});
