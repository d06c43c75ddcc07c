import type { SimResponse } from '../sim-server';
import type { JiraIdentity } from './identities';
import { rateLimited } from './rate-limits';

export interface PointsQuotaOptions {
  /** Points in the hour. The simulator's whole lifetime is that one hour: it never resets. */
  limit: number;
  /** true: `RateLimit-*` headers and 429 once used up. false (default): `Beta-` headers only, as before enforcement reaches an app. */
  enforced?: boolean;
  /** Seconds to the reset, reported unchanged (Retry-After, t=) so tests can compare; default 3600. */
  resetInSeconds?: number;
}

/** Tier 1's policy name (jira-api.md §6.2); the window is always one hour. */
const POLICY = 'global-app-quota';
/** "X-RateLimit-NearLimit: true" under 20% left, and `r=` is only sent then. */
const NEAR_LIMIT_SHARE = 0.2;

/**
 * Points of one answered request (jira-api.md §6.1): 1 base; every route the simulator serves is
 * an "Identity & access" GET (users, groups, permissions), so a 2xx GET adds 2 per object returned
 * (list items, page `values`, picker `groups`, permission entries, else the one object). Writes
 * and refused requests cost the base point only.
 */
export function requestPoints(method: string, response: SimResponse): number {
  const ok = response.status >= 200 && response.status < 300;
  return method.toUpperCase() === 'GET' && ok ? 1 + 2 * objectsIn(response.body) : 1;
}

function objectsIn(body: unknown): number {
  if (body === undefined || body === null) return 0;
  if (Array.isArray(body)) return body.length;
  if (typeof body !== 'object') return 1;
  const record = body as Record<string, unknown>;
  for (const key of ['values', 'groups']) {
    const list = record[key];
    if (Array.isArray(list)) return list.length;
  }
  if (record.permissions && typeof record.permissions === 'object') return Object.keys(record.permissions).length;
  return 1;
}

/**
 * The hourly points quota of the app. Only Forge traffic (asApp, asUser) is charged and limited:
 * "API token-based traffic is not affected" (jira-api.md §6.1). Points are counted even without
 * a quota, for pointsUsed(). A request is admitted while points remain, so the one that crosses
 * the limit still succeeds and the next is refused.
 */
export class PointsQuota {
  private used = 0;
  private readonly byIdentity: Record<PointsIdentity, number> = { app: 0, impersonatedUser: 0, apiToken: 0 };

  constructor(
    private readonly options: PointsQuotaOptions | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  pointsUsed(): number {
    return this.used;
  }

  /** Points by identity: app and impersonated user are charged; API-token points are what they would cost, and exempt. */
  pointsByIdentity(): Record<PointsIdentity, number> {
    return { ...this.byIdentity };
  }

  /** The quota 429 when the quota is enforced and used up, else null. */
  refusal(identity: JiraIdentity): SimResponse | null {
    const quota = this.options;
    if (!quota?.enforced || !charged(identity) || this.used < quota.limit) return null;
    const response = rateLimited({ retryAfterSeconds: this.resetIn(), reason: 'jira-quota-global-based', limit: quota.limit, nowMs: this.now() });
    return { ...response, headers: { ...response.headers, ...this.policyHeaders() } };
  }

  /** Charges an answered request and adds the quota headers to it. */
  charge(identity: JiraIdentity, method: string, response: SimResponse): SimResponse {
    const points = requestPoints(method, response);
    const who = identityKind(identity);
    this.byIdentity[who] += points;
    if (!charged(identity)) return response;
    // Unenforced, a request arriving after the points ran out is one enforcement would refuse.
    const wouldBeRefused = this.options !== undefined && this.used >= this.options.limit;
    this.used += points;
    return this.options ? { ...response, headers: { ...response.headers, ...this.policyHeaders(wouldBeRefused) } } : response;
  }

  private resetIn(): number {
    return this.options?.resetInSeconds ?? 3600;
  }

  /** `RateLimit-Policy` and `RateLimit`, prefixed `Beta-` while not enforced; would-be 429s get Beta-Retry-After. */
  private policyHeaders(wouldBeRefused = false): Record<string, string> {
    const quota = this.options as PointsQuotaOptions;
    const prefix = quota.enforced ? '' : 'Beta-';
    const remaining = Math.max(0, quota.limit - this.used);
    const near = remaining < quota.limit * NEAR_LIMIT_SHARE;
    const headers: Record<string, string> = {
      [`${prefix}RateLimit-Policy`]: `"${POLICY}";q=${quota.limit};w=3600`,
      [`${prefix}RateLimit`]: `"${POLICY}";${near ? `r=${remaining};` : ''}t=${this.resetIn()}`,
    };
    if (near && quota.enforced) headers['X-RateLimit-NearLimit'] = 'true';
    if (wouldBeRefused && !quota.enforced) {
      headers['Beta-Retry-After'] = String(this.resetIn());
      headers['X-Beta-RateLimit-Reset'] = new Date(this.now() + this.resetIn() * 1000).toISOString();
    }
    return headers;
  }
}

export type PointsIdentity = 'app' | 'impersonatedUser' | 'apiToken';

function identityKind(identity: JiraIdentity): PointsIdentity {
  return identity.kind === 'app' ? 'app' : identity.via === 'impersonation' ? 'impersonatedUser' : 'apiToken';
}

/** Forge identities spend the app's points; an API token does not. */
function charged(identity: JiraIdentity): boolean {
  return identity.kind === 'app' || identity.via === 'impersonation';
}
