import type { RetryVerdict } from '../http/send-with-retry';
import { parseRetryAfterMs } from '../http/retry-timing';
import type { HttpResponse } from '../../ports/http';

/**
 * Hourly points quotas: "All requests are denied until the next hourly reset" (jira-api.md §6.1),
 * so sleeping inside an invocation is pointless; the whole run pauses instead.
 */
const QUOTA_REASONS = new Set(['jira-quota-global-based', 'jira-quota-tenant-based']);

export function isQuotaExhausted(response: HttpResponse): boolean {
  return response.status === 429 && QUOTA_REASONS.has((response.headers.get('ratelimit-reason') ?? '').trim());
}

/**
 * What to retry in this invocation: burst and other 429s (Retry-After honoured by sendWithRetry),
 * 5xx, and 409 on GET (users/search answers 409 when it "takes longer than 10 seconds").
 */
export function jiraRetryVerdict(method: string): (response: HttpResponse) => RetryVerdict {
  return (response) => {
    if (response.status === 429)
      return isQuotaExhausted(response) ? { retry: false } : { retry: true, code: 'jira-rate-limited' };
    if (response.status >= 500) return { retry: true, code: 'jira-unavailable' };
    if (response.status === 409 && method === 'GET') return { retry: true, code: 'jira-unavailable' };
    return { retry: false };
  };
}

/**
 * Seconds until the quota resets: Retry-After, else X-RateLimit-Reset (ISO-8601), else the top of
 * the next UTC hour, when hourly quotas reset.
 */
export function quotaRetryAfterSeconds(response: HttpResponse, nowMs: number): number {
  const fromRetryAfter = parseRetryAfterMs(response.headers.get('retry-after'), nowMs);
  const resetAt = Date.parse(response.headers.get('x-ratelimit-reset') ?? '');
  const fromReset = Number.isNaN(resetAt) ? undefined : Math.max(0, resetAt - nowMs);
  const nextHourMs = Math.ceil((nowMs + 1) / 3_600_000) * 3_600_000 - nowMs;
  return Math.max(1, Math.ceil((fromRetryAfter ?? fromReset ?? nextHourMs) / 1000));
}
