import type { Scenario, ScenarioEntraApp, ScenarioEntraGroup, ScenarioEntraUser, ScenarioFault } from '../../dev/scenario/scenario';
import type { GraphSimulator } from '../../dev/sim/graph/graph-simulator';
import type { GraphDirectoryOptions } from '../../src/adapters/graph';
import { createGraphDirectory } from '../../src/adapters/graph';
import type { Clock } from '../../src/ports/clock';
import type { HttpFetch } from '../../src/ports/http';

/** Shared by the Graph contract tests: a small tenant, a fake clock and the real adapter wired to a simulator. */
export const TENANT_ID = '11111111-2222-4333-8444-555555555555';
export const CLIENT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
export const SECRET = 'Xy7~SuperSecretValue.ThatMustNeverLeak_42';

export const nodeFetch: HttpFetch = (url, init) => fetch(url, init);

/** Time moves only when the adapter sleeps (or a test advances it); sleeps are recorded, never waited. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private time = Date.parse('2030-01-01T00:00:00Z')) {}
  now(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
    return Promise.resolve();
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export function user(n: number, overrides: Partial<ScenarioEntraUser> = {}): ScenarioEntraUser {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return { id, userPrincipalName: `user${n}@contoso.onmicrosoft.com`, mail: `user${n}@contoso.com`, displayName: `User ${n}`, accountEnabled: true, userType: 'Member', ...overrides };
}

export function groupId(n: number): string {
  return `99999999-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function scenario(parts: { users?: ScenarioEntraUser[]; groups?: ScenarioEntraGroup[]; app?: ScenarioEntraApp; faults?: ScenarioFault[]; cloud?: 'global' | 'usgov' } = {}): Scenario {
  return {
    name: 'graph contract',
    entra: { users: parts.users ?? [user(1), user(2)], groups: parts.groups ?? [], app: { clientSecret: SECRET, ...parts.app } },
    jira: { users: [], groups: [], siteAdmins: [] },
    settings: {
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      cloud: parts.cloud ?? 'global',
      scope: { mode: 'all' },
      writeAs: { mode: 'runAsAdmin', accountId: 'admin-1' },
    },
    faults: parts.faults ?? [],
  };
}

export interface Wired {
  directory: ReturnType<typeof createGraphDirectory>;
  clock: FakeClock;
  calls: Array<'graph' | 'token' | 'throttled'>;
}

export function wire(sim: GraphSimulator, overrides: Partial<GraphDirectoryOptions> = {}, clock = new FakeClock()): Wired {
  const calls: Wired['calls'] = [];
  const directory = createGraphDirectory({
    fetch: nodeFetch,
    cloud: 'global',
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    clock,
    endpoints: { loginBaseUrl: sim.url, graphBaseUrl: sim.url },
    onCall: (kind) => calls.push(kind),
    ...overrides,
  });
  return { directory, clock, calls };
}

/** A token straight from the simulator, for raw Graph requests the adapter would never make. */
export async function rawToken(sim: GraphSimulator): Promise<string> {
  const body = new URLSearchParams({ client_id: CLIENT_ID, client_secret: SECRET, scope: 'https://graph.microsoft.com/.default', grant_type: 'client_credentials' });
  const response = await fetch(`${sim.url}/${TENANT_ID}/oauth2/v2.0/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
  const json = (await response.json()) as { access_token: string };
  return json.access_token;
}

export async function rawGet(sim: GraphSimulator, pathOrUrl: string, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${sim.url}${pathOrUrl}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${token ?? (await rawToken(sim))}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The rejection of `promise` (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string; retryable?: boolean; retryAfterSeconds?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
