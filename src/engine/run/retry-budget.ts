import type { ErrorInfo } from '../../shared/resolver-contract';
import { isSyncError } from '../../core/errors';

/**
 * A run's retry budget: each request retries a few times (the HTTP adapters), each step a few
 * times (`maxRetries`), and the whole run at most `maxThrottledPerRun` throttled answers, so a
 * service that answers 429 forever gets a bounded number of requests, not thousands.
 */
export function retryBudgetSpent(throttled: number, limit: number): boolean {
  return throttled >= limit;
}

/** The error a run ends with when its budget is spent: the service's code (`jira-rate-limited` for Jira's 429s), naming the wait asked for. */
export function retryBudgetError(error: unknown, throttled: number, limit: number): ErrorInfo {
  const code = isSyncError(error) ? error.code : 'jira-rate-limited';
  const wait =
    isSyncError(error) && error.retryAfterSeconds !== undefined
      ? ` It last asked to wait ${error.retryAfterSeconds} s.`
      : '';
  return {
    code,
    message: `The run stopped: the service was retried ${throttled} times in this run (throttling or outages), the most one run may retry (${limit}).${wait} Nothing more is tried; start a sync again once the service has recovered.`,
  };
}
