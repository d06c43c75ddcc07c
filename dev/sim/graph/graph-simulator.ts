import { randomUUID } from 'node:crypto';
import type { Scenario } from '../../scenario/scenario';
import type { SimRequest, SimResponse } from '../sim-server';
import { FaultInjector, startSimServer } from '../sim-server';
import { TokenIssuer } from './access-tokens';
import { resolveApp } from './app-registration';
import { authenticate } from './bearer-auth';
import { ChangeLog } from './change-log';
import { DEFAULT_DELTA_TOKEN_LIFETIME_SECONDS, DeltaState } from './delta-state';
import { DirectoryIndex } from './directory-index';
import { faultResponse, graphError } from './graph-errors';
import { routeGraph } from './graph-router';
import { isResponse } from './paging';
import type { TenantMutations } from './tenant-mutations';
import { createTenantMutations } from './tenant-mutations';
import { handleTokenRequest, matchTokenPath } from './token-endpoint';
import { SubscriptionService } from './subscriptions';
import { notifyingMutations } from './notifying-mutations';
import type { TestCertificate } from '../test-certificate';

/** The mutation helpers change the tenant while it runs; delta rounds report the changes. */
export interface GraphSimulator extends TenantMutations {
  /** Serves both the login host paths (`/{tenant}/oauth2/v2.0/token`) and Graph (`/v1.0`). */
  url: string;
  /** `/v1.0` requests served, faults included; token requests excluded. */
  graphRequestCount(): number;
  tokenRequestCount(): number;
  faults: FaultInjector;
  /** Forgets every issued access token, so the next Graph call gets a 401 (key rollover). */
  revokeTokens(): void;
  /** Invalidates every delta and in-round link: the next use gets 400 syncStateNotFound. */
  expireDeltaTokens(): void;
  /** Change-notification subscriptions, their delivery options and log, and lifecycle events. */
  subscriptions: SubscriptionService;
  close(): Promise<void>;
}

export interface GraphSimulatorOptions {
  port?: number;
  latencyMs?: number;
  /** Serve HTTPS with this certificate (Microsoft's own client sends tokens only over https). */
  tls?: TestCertificate;
}

/**
 * Every Graph and login answer carries `request-id` and `client-request-id` (the caller's, when it
 * sent one), which support asks for (learn.microsoft.com/graph/errors, "client-request-id").
 */
function withRequestIds(request: SimRequest, response: SimResponse): SimResponse {
  const requestId = response.headers?.['request-id'] ?? randomUUID();
  const clientRequestId =
    typeof request.headers['client-request-id'] === 'string' ? request.headers['client-request-id'] : requestId;
  return {
    ...response,
    headers: { ...(response.headers ?? {}), 'request-id': requestId, 'client-request-id': clientRequestId },
  };
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Microsoft Graph and the Entra token endpoint for one scenario tenant, on loopback HTTP. */
export async function startGraphSimulator(
  scenario: Scenario,
  options: GraphSimulatorOptions = {},
): Promise<GraphSimulator> {
  const app = resolveApp(scenario);
  const directory = new DirectoryIndex(scenario);
  const issuer = new TokenIssuer();
  const faults = new FaultInjector(scenario.faults ?? [], 'graph');
  const log = new ChangeLog();
  const delta = new DeltaState(
    log,
    (scenario.entra.deltaTokenLifetimeSeconds ?? DEFAULT_DELTA_TOKEN_LIFETIME_SECONDS) * 1000,
  );
  const subscriptions = new SubscriptionService(app);
  let graphRequests = 0;
  let tokenRequests = 0;

  const route = (request: SimRequest): SimResponse | Promise<SimResponse> => {
    const path = decodePath(request.path);
    const tenant = matchTokenPath(request.path);
    const isGraph = path === '/v1.0' || path.startsWith('/v1.0/');
    if (tenant !== undefined) tokenRequests++;
    else if (isGraph) graphRequests++;

    const fault = faults.errorFor(request, path);
    if (fault) return faultResponse(fault, tenant !== undefined);
    if (tenant !== undefined) return handleTokenRequest(request, tenant, app, issuer, Date.now());
    if (!isGraph) return graphError(404, 'NotFound', `No service is served at '${path}'.`);

    const auth = authenticate(request, issuer, Date.now());
    if (isResponse(auth)) return auth;
    const [first, ...rest] = path
      .replace(/^\/v1\.0\/?/, '')
      .split('/')
      .filter((s) => s.length > 0);
    if (first === 'subscriptions') return subscriptions.route(request, rest, auth.roles);
    return routeGraph({ request, path, roles: auth.roles, directory, app, delta });
  };

  const server = await startSimServer(async (request) => withRequestIds(request, await route(request)), options);
  return {
    url: server.url,
    graphRequestCount: () => graphRequests,
    tokenRequestCount: () => tokenRequests,
    faults,
    revokeTokens: () => issuer.revokeAll(),
    expireDeltaTokens: () => delta.expire(),
    subscriptions,
    ...notifyingMutations(createTenantMutations(directory, log), directory, subscriptions),
    close: async () => {
      subscriptions.delivery.close();
      await server.close();
    },
  };
}
