import type {
  Scenario,
  ScenarioEntraApp,
  ScenarioEntraGroup,
  ScenarioEntraUser,
  ScenarioFault,
} from '../../dev/scenario/scenario';
import type { GraphSimulator } from '../../dev/sim/graph/graph-simulator';
import type { GraphDirectoryOptions } from '../../src/adapters/graph';
import { createGraphDirectory } from '../../src/adapters/graph';
import { VirtualClock } from '../../dev/host/virtual-clock';
import { nodeFetch } from '../../dev/host/node-fetch';

/** Shared by the Graph contract tests: a small tenant and the real adapter wired to a simulator on a virtual clock. */
export const TENANT_ID = '11111111-2222-4333-8444-555555555555';
export const CLIENT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
export const SECRET = 'Xy7~SuperSecretValue.ThatMustNeverLeak_42';

/** Where the contract tests' clocks start (a fixed instant, so expiry dates are stable). */
export const GRAPH_CONTRACT_START = Date.parse('2030-01-01T00:00:00Z');

export function user(n: number, overrides: Partial<ScenarioEntraUser> = {}): ScenarioEntraUser {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    id,
    userPrincipalName: `user${n}@contoso.onmicrosoft.com`,
    mail: `user${n}@contoso.com`,
    displayName: `User ${n}`,
    accountEnabled: true,
    userType: 'Member',
    ...overrides,
  };
}

export function groupId(n: number): string {
  return `99999999-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function scenario(
  parts: {
    users?: ScenarioEntraUser[];
    groups?: ScenarioEntraGroup[];
    app?: ScenarioEntraApp;
    faults?: ScenarioFault[];
    cloud?: 'global' | 'usgov';
  } = {},
): Scenario {
  return {
    name: 'graph contract',
    entra: {
      users: parts.users ?? [user(1), user(2)],
      groups: parts.groups ?? [],
      app: { clientSecret: SECRET, ...parts.app },
    },
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
  clock: VirtualClock;
  calls: Array<'graph' | 'token' | 'throttled'>;
}

export function wire(
  sim: GraphSimulator,
  overrides: Partial<GraphDirectoryOptions> = {},
  clock = new VirtualClock(GRAPH_CONTRACT_START),
): Wired {
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
export async function rawToken(sim: GraphSimulator, network: typeof fetch = fetch): Promise<string> {
  const body = new URLSearchParams({
    client_id: CLIENT_ID,
    client_secret: SECRET,
    scope: 'https://graph.microsoft.com/.default',
    grant_type: 'client_credentials',
  });
  const response = await network(`${sim.url}/${TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
  const json = (await response.json()) as { access_token: string };
  return json.access_token;
}

export async function rawGet(
  sim: GraphSimulator,
  pathOrUrl: string,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${sim.url}${pathOrUrl}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${token ?? (await rawToken(sim))}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
