import { isSyncError, type SyncError } from '../../core/errors';

/**
 * A used-up quota is a wait the run can always take (the service says when it resets), not a
 * failure: it pauses the run without using up its retries, so a run that needs several hours of
 * Jira points, or many minutes of KVS units or tokens, finishes instead of failing after the retry limit.
 */
export function isQuotaWait(error: unknown): boolean {
  return isSyncError(error) && QUOTA_CODES.has(error.code) && error.retryAfterSeconds !== undefined;
}

/** Jira's hourly points, Forge's KVS units and offline-impersonation tokens a minute. */
const QUOTA_CODES = new Set(['jira-quota-exhausted', 'storage-throttled', 'impersonation-throttled']);

/** Forge storage's per-minute budget is spent (the KVS adapter's `storage-throttled`). */
export function isStorageThrottle(error: unknown): error is SyncError & { retryAfterSeconds: number } {
  return isSyncError(error) && error.code === 'storage-throttled' && error.retryAfterSeconds !== undefined;
}
