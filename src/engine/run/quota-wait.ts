import { isSyncError } from '../../core/errors';

/**
 * A used-up hourly quota is a wait the run can always take (Jira says when it resets), not a
 * failure: it pauses the run without using up its retries, so a run that needs several hours of
 * points finishes instead of failing after the retry limit.
 */
export function isQuotaWait(error: unknown): boolean {
  return isSyncError(error) && error.code === 'jira-quota-exhausted' && error.retryAfterSeconds !== undefined;
}
