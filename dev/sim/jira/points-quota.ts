import type { SimResponse } from '../sim-server';
import type { JiraIdentity } from './identities';
import { rateLimited } from './rate-limits';

export interface PointsQuotaOptions {
  /** Points in the hour of a pool of this site alone (ignored when `pool` is given). */
  limit?: number;
  /**
   * The pool this site's requests draw on: one Tier-1 pool shared by every site the app is
   * installed on (pass the same pool to each site's simulator), or the site's own Tier-2 pool.
   */
  pool?: PointsPool;
  /** true: `RateLimit-*` headers and 429 once used up. false (default): `Beta-` headers only, as before enforcement reaches an app. */
  enforced?: boolean;
  /** Seconds to the reset, reported unchanged (Retry-After, t=) so tests can compare; default: to the next whole UTC hour. */
  resetInSeconds?: number;
}

/** "X-RateLimit-NearLimit: true" under 20% left, and `r=` is only sent then. */
const NEAR_LIMIT_SHARE = 0.2;
const HOUR_MS = 3_600_000;

/** Tier 1: 65,000 points an hour per app, "shared across all tenants" (jira-api.md §6.1). */
export const TIER1_POINTS_PER_HOUR = 65_000;

/** Tier 2's per-site hourly quota by edition (jira-api.md §6.1): base + per user, capped at 500k. */
export function tier2PointsPerHour(edition: 'free' | 'standard' | 'premium' | 'enterprise', users: number): number {
  const { base, perUser } = {
    free: { base: 65_000, perUser: 0 },
    standard: { base: 100_000, perUser: 10 },
    premium: { base: 130_000, perUser: 20 },
    enterprise: { base: 150_000, perUser: 30 },
  }[edition];
  return Math.min(500_000, base + perUser * users);
}

/**
 * An hourly points pool. Quotas "reset at the top of each UTC hour" and "all requests are denied
 * until the next hourly reset" (jira-api.md §6.1). Tier 1 (`global-app-quota`, 429 reason
 * `jira-quota-global-based`) is one pool for the app across every site; Tier 2
 * (`tenant-app-quota`, `jira-quota-tenant-based`) is one per site.
 */
export class PointsPool {
  private used = 0;
  private hour = Number.NaN;

  /** Each site's simulator passes its own clock's time to the pool's methods. */
  constructor(
    readonly limit: number,
    readonly tier: 1 | 2 = 1,
  ) {}

  static tier1(): PointsPool {
    return new PointsPool(TIER1_POINTS_PER_HOUR, 1);
  }

  get policy(): string {
    return this.tier === 1 ? 'global-app-quota' : 'tenant-app-quota';
  }

  get reason(): string {
    return this.tier === 1 ? 'jira-quota-global-based' : 'jira-quota-tenant-based';
  }

  /** Points used in the current hour. */
  usedThisHour(now: number): number {
    this.roll(now);
    return this.used;
  }

  charge(points: number, now: number): void {
    this.roll(now);
    this.used += points;
  }

  /** Whole seconds to the next top of the UTC hour. */
  static secondsToReset(now: number): number {
    return Math.max(1, Math.ceil((HOUR_MS - (now % HOUR_MS)) / 1000));
  }

  private roll(now: number): void {
    const hour = Math.floor(now / HOUR_MS);
    if (hour !== this.hour) {
      this.hour = hour;
      this.used = 0;
    }
  }
}

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
 * The hourly points quota as one site sees it. Only Forge traffic (asApp, asUser) is charged and
 * limited: "API token-based traffic is not affected" (jira-api.md §6.1). Points are counted even
 * without a quota, for pointsUsed(). A request is admitted while points remain, so the one that
 * crosses the limit still succeeds and the next is refused.
 */
export class PointsQuota {
  /** This site's points since start (its share of the pool, every hour). */
  private used = 0;
  private readonly byIdentity: Record<PointsIdentity, number> = { app: 0, impersonatedUser: 0, apiToken: 0 };
  private readonly pool: PointsPool | undefined;

  constructor(
    private readonly options: PointsQuotaOptions | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.pool = options ? (options.pool ?? new PointsPool(options.limit ?? TIER1_POINTS_PER_HOUR, 1)) : undefined;
  }

  pointsUsed(): number {
    return this.used;
  }

  /** Points by identity: app and impersonated user are charged; API-token points are what they would cost, and exempt. */
  pointsByIdentity(): Record<PointsIdentity, number> {
    return { ...this.byIdentity };
  }

  /** The quota 429 when the quota is enforced and used up, else null. */
  refusal(identity: JiraIdentity): SimResponse | null {
    const pool = this.pool;
    if (!this.options?.enforced || !pool || !charged(identity) || pool.usedThisHour(this.now()) < pool.limit)
      return null;
    const response = rateLimited({
      retryAfterSeconds: this.resetIn(),
      reason: pool.reason,
      limit: pool.limit,
      nowMs: this.now(),
    });
    return { ...response, headers: { ...response.headers, ...this.policyHeaders() } };
  }

  /** Charges an answered request and adds the quota headers to it. */
  charge(identity: JiraIdentity, method: string, response: SimResponse): SimResponse {
    const points = requestPoints(method, response);
    const who = identityKind(identity);
    this.byIdentity[who] += points;
    if (!charged(identity)) return response;
    this.used += points;
    if (!this.pool) return response;
    // Unenforced, a request arriving after the points ran out is one enforcement would refuse.
    const wouldBeRefused = this.pool.usedThisHour(this.now()) >= this.pool.limit;
    this.pool.charge(points, this.now());
    return { ...response, headers: { ...response.headers, ...this.policyHeaders(wouldBeRefused) } };
  }

  private resetIn(): number {
    return this.options?.resetInSeconds ?? PointsPool.secondsToReset(this.now());
  }

  /** `RateLimit-Policy` and `RateLimit`, prefixed `Beta-` while not enforced; would-be 429s get Beta-Retry-After. */
  private policyHeaders(wouldBeRefused = false): Record<string, string> {
    const quota = this.options as PointsQuotaOptions;
    const pool = this.pool as PointsPool;
    const prefix = quota.enforced ? '' : 'Beta-';
    const remaining = Math.max(0, pool.limit - pool.usedThisHour(this.now()));
    const near = remaining < pool.limit * NEAR_LIMIT_SHARE;
    const headers: Record<string, string> = {
      [`${prefix}RateLimit-Policy`]: `"${pool.policy}";q=${pool.limit};w=3600`,
      [`${prefix}RateLimit`]: `"${pool.policy}";${near ? `r=${remaining};` : ''}t=${this.resetIn()}`,
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
