import { isSyncError, type SyncError } from '../../core/errors';

/**
 * A used-up quota is a wait the run can always take (the service says when it resets), not a
 * failure: it pauses the run without using up its retries, so a run that needs several hours of
 * Jira points, or many minutes of KVS units, finishes instead of failing after the retry limit.
 */
export function isQuotaWait(error: unknown): boolean {
  return isSyncError(error) && (error.code === 'jira-quota-exhausted' || error.code === 'storage-throttled') && error.retryAfterSeconds !== undefined;
}

/** Forge storage's per-minute budget is spent (the KVS adapter's `storage-throttled`). */
export function isStorageThrottle(error: unknown): error is SyncError & { retryAfterSeconds: number } {
  return isSyncError(error) && error.code === 'storage-throttled' && error.retryAfterSeconds !== undefined;
}
