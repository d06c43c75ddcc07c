import type { ScenarioErrorFault } from '../../scenario/scenario';
import type { SimResponse } from '../sim-server';
import { jiraError } from './jira-error-response';

/**
 * Jira's documented burst defaults, per tenant per endpoint and method per second (jira-api.md
 * §6.1, CHANGE-2753): GET and POST 100, PUT and DELETE 50; `GET /rest/api/3/user` 150.
 */
export function documentedBurstLimit(method: string, path: string): number {
  const m = method.toUpperCase();
  if (m === 'GET' && path === '/rest/api/3/user') return 150;
  return m === 'PUT' || m === 'DELETE' ? 50 : 100;
}

/** Jira's burst limit: per endpoint, per HTTP method, per second (jira-api.md §6.1). */
export class BurstLimiter {
  private readonly windows = new Map<string, { second: number; count: number }>();

  /** `limit`: one number for every endpoint, or Jira's documented defaults by method and endpoint. */
  constructor(
    private readonly limit: number | 'documented',
    private readonly now: () => number = Date.now,
  ) {}

  private limitFor(method: string, path: string): number {
    return this.limit === 'documented' ? documentedBurstLimit(method, path) : this.limit;
  }

  /** A 429 when this request is over the limit for its endpoint and method, else null (and counts it). */
  admit(method: string, path: string): SimResponse | null {
    const nowMs = this.now();
    const second = Math.floor(nowMs / 1000);
    const key = `${method.toUpperCase()} ${path}`;
    const window = this.windows.get(key);
    if (!window || window.second !== second) {
      this.windows.set(key, { second, count: 1 });
      return null;
    }
    window.count++;
    const limit = this.limitFor(method, path);
    if (window.count <= limit) return null;
    return rateLimited({ retryAfterSeconds: 1, reason: 'jira-burst-based', limit, nowMs });
  }
}

/** A 429 with the headers Jira sends (Retry-After, RateLimit-Reason, X-RateLimit-*; reset as ISO-8601). */
export function rateLimited(options: {
  retryAfterSeconds: number;
  reason: string;
  limit: number;
  nowMs: number;
  body?: unknown;
}): SimResponse {
  const reset = new Date(options.nowMs + options.retryAfterSeconds * 1000).toISOString();
  const response =
    options.body === undefined ? jiraError(429, 'Rate limit exceeded.') : { status: 429, body: options.body };
  return {
    ...response,
    headers: {
      'Retry-After': String(options.retryAfterSeconds),
      'RateLimit-Reason': options.reason,
      'X-RateLimit-Limit': String(options.limit),
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': reset,
    },
  };
}

/** Hourly points quota of Tier 1 (jira-api.md §6.1), reported as the limit on quota 429s. */
const GLOBAL_QUOTA_POINTS = 65_000;

/** The response for an injected scenario fault, with Jira's headers on 429s. */
export function faultResponse(fault: ScenarioErrorFault, nowMs: number): SimResponse {
  if (fault.status === 429) {
    const reason = fault.rateLimitReason ?? 'jira-burst-based';
    return rateLimited({
      retryAfterSeconds: fault.retryAfter ?? 1,
      reason,
      limit: reason.startsWith('jira-quota') ? GLOBAL_QUOTA_POINTS : 100,
      nowMs,
      body: fault.body,
    });
  }
  const response =
    fault.body === undefined
      ? jiraError(fault.status, `Injected failure: HTTP ${fault.status}.`)
      : { status: fault.status, body: fault.body };
  return fault.retryAfter === undefined
    ? response
    : { ...response, headers: { 'Retry-After': String(fault.retryAfter) } };
}
