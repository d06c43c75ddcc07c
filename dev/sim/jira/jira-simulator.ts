import type { Scenario } from '../../scenario/scenario';
import type { SimRequest, SimResponse } from '../sim-server';
import { FaultInjector, startSimServer } from '../sim-server';
import type { SimJiraUser } from './directory-state';
import { JiraDirectoryState } from './directory-state';
import { acceptedApiTokens, identify } from './identities';
import { routeNotFound, unauthorized } from './jira-error-response';
import { JIRA_ROUTES } from './jira-routes';
import type { PointsQuotaOptions } from './points-quota';
import type { PointsIdentity } from './points-quota';
import { PointsQuota } from './points-quota';
import { BurstLimiter, faultResponse } from './rate-limits';
import type { TestCertificate } from '../test-certificate';

export interface JiraSimulatorOptions {
  port?: number;
  /** Serve HTTPS with this certificate, as Jira Cloud does. */
  tls?: TestCertificate;
  latencyMs?: number;
  /** Per endpoint and method: one number, or Jira's documented defaults; absent = no burst limit. */
  burstLimitPerSecond?: number | 'documented';
  /** The app's hourly points quota (headers, and 429s when enforced); absent = points counted, never limited. */
  pointsQuota?: PointsQuotaOptions;
  /** The site's public address; default SIM_SITE_URL. */
  siteUrl?: string;
  /** The simulator's clock (burst windows, the hourly quota reset); default real time. */
  now?: () => number;
}

/** The simulated site's public address: the local runtime routes egress to it here. */
export const SIM_SITE_URL = 'https://entra-sync-demo.atlassian.net';

export interface JiraSimulator {
  url: string;
  /** Every request served, faults and refusals included. */
  requestCount(): number;
  /**
   * Writes (POST /group, POST and DELETE /group/user, POST /user) that a handler answered with 2xx,
   * idempotent repeats included. Injected faults, 429s and refused writes (401/403/404/400)
   * changed nothing and are not counted.
   */
  writeCount(): number;
  /** Points charged to the app's quota so far (Forge identities only; API-token traffic is free). */
  pointsUsed(): number;
  /** Requests refused with the points quota's 429 (only when the quota is enforced). */
  quotaRefusals(): number;
  /** Points by identity; API-token points are counted for comparison but charged to no pool. */
  pointsByIdentity(): Record<PointsIdentity, number>;
  faults: FaultInjector;
  /** Current groups and their members (account IDs, in insertion order). */
  groups(): Array<{ name: string; groupId: string; members: string[] }>;
  /** The account's email even when profile privacy hides it. */
  userEmail(accountId: string): string | undefined;
  /** Every account, those created through POST /user included, with the products granted at creation. */
  users(): Array<{
    accountId: string;
    emailAddress: string;
    displayName: string;
    active: boolean;
    accountType: SimJiraUser['accountType'];
    products: string[];
  }>;
  close(): Promise<void>;
}

/**
 * A Jira Cloud site for tests, the local host and the benchmark, seeded from a scenario.
 * Order per request: injected faults, burst limit, authentication, points quota, route.
 */
export async function startJiraSimulator(
  scenario: Scenario,
  options: JiraSimulatorOptions = {},
): Promise<JiraSimulator> {
  const state = new JiraDirectoryState(scenario);
  const tokens = acceptedApiTokens(scenario);
  const faults = new FaultInjector(scenario.faults ?? [], 'jira');
  const now = options.now ?? Date.now;
  const burst = options.burstLimitPerSecond ? new BurstLimiter(options.burstLimitPerSecond, now) : null;
  const quota = new PointsQuota(options.pointsQuota, now);
  let writes = 0;
  let refusals = 0;

  const handle = (request: SimRequest): SimResponse => {
    const fault = faults.errorFor(request);
    if (fault) return faultResponse(fault, now());
    const throttled = burst?.admit(request.method, request.path);
    if (throttled) return throttled;
    const identity = identify(request.headers, state, tokens);
    if (!identity) return unauthorized();
    const overQuota = quota.refusal(identity);
    if (overQuota) {
      refusals++;
      return overQuota;
    }
    const route = JIRA_ROUTES[`${request.method.toUpperCase()} ${request.path}`];
    if (!route) return routeNotFound(request.method, request.path);
    const response = route({
      request,
      identity,
      state,
      baseUrl: request.origin,
      siteUrl: options.siteUrl ?? SIM_SITE_URL,
    });
    if (request.method !== 'GET' && response.status >= 200 && response.status < 300) writes++;
    return quota.charge(identity, request.method, response);
  };

  const server = await startSimServer(handle, { port: options.port, latencyMs: options.latencyMs, tls: options.tls });
  return {
    url: server.url,
    requestCount: server.requestCount,
    writeCount: () => writes,
    faults,
    groups: () => state.groups().map((g) => ({ name: g.name, groupId: g.groupId, members: [...g.members] })),
    pointsUsed: () => quota.pointsUsed(),
    quotaRefusals: () => refusals,
    pointsByIdentity: () => quota.pointsByIdentity(),
    userEmail: (accountId) => state.user(accountId)?.emailAddress,
    users: () =>
      state.users().map(({ accountId, emailAddress, displayName, active, accountType, products }) => ({
        accountId,
        emailAddress,
        displayName,
        active,
        accountType,
        products: [...products],
      })),
    close: server.close,
  };
}
