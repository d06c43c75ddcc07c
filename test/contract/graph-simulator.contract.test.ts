import type { GraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { startGraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { decodeJwtPayload } from '../../src/adapters/graph/jwt-claims';
import { CLIENT_ID, SECRET, TENANT_ID, groupId, rawGet, rawToken, scenario, user } from './graph-fixtures';

/** The simulator's own Graph behaviour, checked with raw HTTP (requests the adapter never makes). */

const A = groupId(1);
const B = groupId(2);
const C = groupId(3);
const users = Array.from({ length: 250 }, (_, i) => user(i + 1));
let sim: GraphSimulator;
let limited: GraphSimulator;
let noConsent: GraphSimulator;

beforeAll(async () => {
  const groups = [
    { id: A, displayName: 'Alpha', members: [users[0]!.id, B] },
    { id: B, displayName: 'Beta', members: [users[1]!.id, C] },
    { id: C, displayName: 'Gamma', members: [users[2]!.id, A, users[1]!.id] },
  ];
  sim = await startGraphSimulator(scenario({ users, groups }));
  limited = await startGraphSimulator(scenario({ users, groups, app: { roles: ['GroupMember.Read.All'] } }));
  noConsent = await startGraphSimulator(scenario({ users, groups, app: { roles: [] } }));
});
afterAll(async () => {
  await Promise.all([sim.close(), limited.close(), noConsent.close()]);
});

async function postToken(target: GraphSimulator, tenant: string, fields: Record<string, string>) {
  const response = await fetch(`${target.url}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const goodFields = {
  client_id: CLIENT_ID,
  client_secret: SECRET,
  scope: 'https://graph.microsoft.com/.default',
  grant_type: 'client_credentials',
};

describe('token endpoint', () => {
  it('issues a JWT-shaped bearer token with roles, tid and appid', async () => {
    const { status, body } = await postToken(sim, TENANT_ID, goodFields);
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    const claims = decodeJwtPayload(String(body.access_token));
    expect(claims).toMatchObject({
      roles: ['User.Read.All', 'GroupMember.Read.All'],
      tid: TENANT_ID,
      appid: CLIENT_ID,
    });
    expect(typeof claims?.exp).toBe('number');
  });

  it('leaves the roles claim out when nothing is consented', async () => {
    const { body } = await postToken(noConsent, TENANT_ID, goodFields);
    expect(decodeJwtPayload(String(body.access_token))).not.toHaveProperty('roles');
  });

  it.each([
    ['a wrong tenant', '33333333-3333-4333-8333-333333333333', {}, 400, 'invalid_request', 90002],
    ['a malformed tenant', 'not_a_tenant', {}, 400, 'invalid_request', 900023],
    [
      'an unknown client',
      TENANT_ID,
      { client_id: '44444444-4444-4444-8444-444444444444' },
      400,
      'unauthorized_client',
      700016,
    ],
    ['a wrong secret', TENANT_ID, { client_secret: 'nope-nope' }, 401, 'invalid_client', 7000215],
    ['no secret', TENANT_ID, { client_secret: '' }, 401, 'invalid_client', 7000218],
    ['a scope without /.default', TENANT_ID, { scope: 'User.Read.All' }, 400, 'invalid_scope', 1002012],
  ])('answers %s with the AADSTS error shape', async (_label, tenant, override, status, error, code) => {
    const fields: Record<string, string> = { ...goodFields, ...override };
    if (fields.client_secret === '') delete fields.client_secret;
    const response = await postToken(sim, tenant, fields);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ error, error_codes: [code] });
    expect(String(response.body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
    for (const key of ['timestamp', 'trace_id', 'correlation_id', 'error_uri'])
      expect(response.body).toHaveProperty(key);
  });
});

describe('Graph collections', () => {
  it("rejects $top=1000 with Graph's page-size error", async () => {
    const { status, body } = await rawGet(sim, '/v1.0/users?$top=1000');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      code: 'Request_BadRequest',
      message: "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.",
    });
  });

  it('pages 100 by default with an absolute nextLink carrying the original parameters', async () => {
    const token = await rawToken(sim);
    const first = await rawGet(sim, '/v1.0/users?$select=id,mail', token);
    expect((first.body.value as unknown[]).length).toBe(100);
    expect(first.body.value as unknown[]).toContainEqual({ id: users[0]!.id, mail: users[0]!.mail });
    const next = String(first.body['@odata.nextLink']);
    expect(next.startsWith(`${sim.url}/v1.0/users?`)).toBe(true);
    expect(next).toContain('$skiptoken=');
    const last = await rawGet(sim, (await rawGet(sim, next, token)).body['@odata.nextLink'] as string, token);
    expect((last.body.value as Array<{ id: string; mail: string }>).map((u) => Object.keys(u).sort())).toContainEqual([
      'id',
      'mail',
    ]);
    expect((last.body.value as unknown[]).length).toBe(50);
    expect(last.body).not.toHaveProperty('@odata.nextLink');
  });

  it('refuses a tampered skiptoken', async () => {
    const { status, body } = await rawGet(sim, '/v1.0/users?$skiptoken=garbage');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'Directory_ExpiredPageToken' });
  });

  it('returns nested groups and users once each from transitiveMembers despite a cycle', async () => {
    const { body } = await rawGet(sim, `/v1.0/groups/${A}/transitiveMembers?$select=id,displayName`);
    const members = body.value as Array<Record<string, unknown>>;
    expect(members.map((m) => [m['@odata.type'], m.id])).toEqual([
      ['#microsoft.graph.user', users[0]!.id],
      ['#microsoft.graph.group', B],
      ['#microsoft.graph.user', users[1]!.id],
      ['#microsoft.graph.group', C],
      ['#microsoft.graph.user', users[2]!.id],
    ]);
  });

  it('returns only direct members from /members', async () => {
    const { body } = await rawGet(sim, `/v1.0/groups/${A}/members?$select=id`);
    expect((body.value as Array<{ id: string }>).map((m) => m.id)).toEqual([users[0]!.id, B]);
  });

  it('applies the limited-information rule without a user read permission', async () => {
    const { body } = await rawGet(
      limited,
      `/v1.0/groups/${A}/transitiveMembers?$select=id,userPrincipalName,mail`,
      await rawToken(limited),
    );
    expect((body.value as unknown[])[0]).toEqual({
      '@odata.type': '#microsoft.graph.user',
      id: users[0]!.id,
      userPrincipalName: null,
      mail: null,
    });
  });

  it('answers 404 Request_ResourceNotFound for an unknown group', async () => {
    const { status, body } = await rawGet(sim, `/v1.0/groups/${groupId(77)}/transitiveMembers`);
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'Request_ResourceNotFound' });
  });

  it('limits an id filter to 15 values and rejects unsupported filters', async () => {
    const ids = Array.from({ length: 16 }, (_, i) => `'${groupId(i)}'`).join(',');
    const tooMany = await rawGet(sim, `/v1.0/groups?$filter=${encodeURIComponent(`id in (${ids})`)}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 'Request_UnsupportedQuery' });
    const unsupported = await rawGet(sim, `/v1.0/groups?$filter=${encodeURIComponent("endswith(displayName,'a')")}`);
    expect(unsupported.body.error).toMatchObject({ code: 'Request_UnsupportedQuery' });
  });

  it('returns the app registration with its secret hint and expiry only with Application.Read.All', async () => {
    const path = `/v1.0/applications(appId='${CLIENT_ID}')`;
    expect((await rawGet(sim, path)).status).toBe(403);
    const directory = await startGraphSimulator(scenario({ app: { roles: ['Directory.Read.All'] } }));
    try {
      const { status, body } = await rawGet(directory, path, await rawToken(directory));
      expect(status).toBe(200);
      expect(body).toMatchObject({
        appId: CLIENT_ID,
        passwordCredentials: [{ hint: SECRET.slice(0, 3), endDateTime: '2099-12-31T00:00:00Z' }],
      });
    } finally {
      await directory.close();
    }
  });

  it('answers 401 InvalidAuthenticationToken to a token it did not issue', async () => {
    const { status, body } = await rawGet(sim, '/v1.0/users', 'eyJ.forged.token');
    expect(status).toBe(401);
    expect(body.error).toMatchObject({ code: 'InvalidAuthenticationToken' });
  });

  it("answers an unknown segment with Graph's error shape", async () => {
    const { status, body } = await rawGet(sim, '/v1.0/devicez');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'BadRequest', message: "Resource not found for the segment 'devicez'." });
  });
});

describe('faults and counters', () => {
  it('serves a Graph-shaped 429 with throttle headers and counts Graph and token requests apart', async () => {
    const token = await rawToken(sim);
    const graphBefore = sim.graphRequestCount();
    const tokensBefore = sim.tokenRequestCount();
    sim.faults.add({ service: 'graph', path: '/v1.0/groups', status: 429, retryAfter: 9 });
    const response = await fetch(`${sim.url}/v1.0/groups`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('9');
    expect(response.headers.get('x-ms-throttle-information')).toBe('ResourceUnitLimitExceeded');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
    await rawGet(sim, '/v1.0/groups', token);
    expect(sim.graphRequestCount() - graphBefore).toBe(2);
    expect(sim.tokenRequestCount() - tokensBefore).toBe(0);
  });

  it('serves 503 as serviceNotAvailable', async () => {
    sim.faults.add({ service: 'graph', path: '/v1.0/users', status: 503 });
    const { status, body } = await rawGet(sim, '/v1.0/users');
    expect(status).toBe(503);
    expect(body.error).toMatchObject({ code: 'serviceNotAvailable' });
  });
});
