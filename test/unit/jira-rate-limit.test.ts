import { isQuotaExhausted, jiraRetryVerdict, quotaRetryAfterSeconds } from '../../src/adapters/jira/jira-rate-limit';
import type { HttpResponse } from '../../src/ports/http';

function answer(status: number, headers: Record<string, string> = {}): HttpResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, headers: { get: (name) => lower[name.toLowerCase()] ?? null }, text: () => Promise.resolve('') };
}

const NOW = Date.UTC(2026, 5, 1, 10, 15, 0);

describe('Jira rate-limit handling', () => {
  it('retries burst and unlabelled 429s, but not quota 429s', () => {
    const verdict = jiraRetryVerdict('GET');
    expect(verdict(answer(429, { 'RateLimit-Reason': 'jira-burst-based' }))).toEqual({
      retry: true,
      code: 'jira-rate-limited',
    });
    expect(verdict(answer(429))).toEqual({ retry: true, code: 'jira-rate-limited' });
    expect(verdict(answer(429, { 'RateLimit-Reason': 'jira-quota-global-based' }))).toEqual({ retry: false });
    expect(verdict(answer(429, { 'RateLimit-Reason': 'jira-quota-tenant-based' }))).toEqual({ retry: false });
  });

  it('retries 5xx always and 409 only on reads', () => {
    expect(jiraRetryVerdict('POST')(answer(503))).toEqual({ retry: true, code: 'jira-unavailable' });
    expect(jiraRetryVerdict('GET')(answer(409))).toEqual({ retry: true, code: 'jira-unavailable' });
    expect(jiraRetryVerdict('POST')(answer(409))).toEqual({ retry: false });
    expect(jiraRetryVerdict('GET')(answer(404))).toEqual({ retry: false });
  });

  it('recognises quota exhaustion only on 429', () => {
    expect(isQuotaExhausted(answer(429, { 'RateLimit-Reason': 'jira-quota-global-based' }))).toBe(true);
    expect(isQuotaExhausted(answer(503, { 'RateLimit-Reason': 'jira-quota-global-based' }))).toBe(false);
  });

  it('takes the quota pause from Retry-After first', () => {
    expect(
      quotaRetryAfterSeconds(
        answer(429, { 'Retry-After': '120', 'X-RateLimit-Reset': new Date(NOW + 999_000).toISOString() }),
        NOW,
      ),
    ).toBe(120);
  });

  it('falls back to X-RateLimit-Reset, then to the top of the next UTC hour', () => {
    expect(
      quotaRetryAfterSeconds(answer(429, { 'X-RateLimit-Reset': new Date(NOW + 300_000).toISOString() }), NOW),
    ).toBe(300);
    expect(quotaRetryAfterSeconds(answer(429), NOW)).toBe(45 * 60);
  });
});
