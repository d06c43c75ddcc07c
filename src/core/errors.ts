/**
 * The one error type that crosses layers. `code` is a stable, kebab-case public contract (it
 * reaches the scenario report and the admin page); `message` says what happened and what to do.
 * `retryable` errors may succeed later (throttling, outages); the runner reschedules them.
 * Messages must never contain a secret.
 */
export class SyncError extends Error {
  override readonly name = 'SyncError';
  readonly code: string;
  readonly retryable: boolean;
  /** Seconds the service asked us to wait (Retry-After), when it said. */
  readonly retryAfterSeconds: number | undefined;
  /** For validation errors: each bad field and why (the page highlights them). */
  readonly fields: Array<{ path: string; message: string }> | undefined;

  constructor(code: string, message: string, options: { retryable?: boolean; retryAfterSeconds?: number; cause?: unknown; fields?: Array<{ path: string; message: string }> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.fields = options.fields;
  }

  toJSON(): { code: string; message: string; fields?: Array<{ path: string; message: string }> } {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export function isSyncError(value: unknown): value is SyncError {
  return value instanceof Error && (value as { name?: string }).name === 'SyncError' && typeof (value as SyncError).code === 'string';
}

/** Any thrown value as `{code, message}`; unknown errors become `internal-error` without their stack. */
export function describeError(error: unknown): { code: string; message: string; fields?: Array<{ path: string; message: string }> } {
  if (isSyncError(error)) return error.toJSON();
  // Raw messages of unexpected errors can name internals (storage keys, stack frames): they go to
  // the log, and callers get a stable, generic message.
  const kind = error instanceof Error ? error.name : typeof error;
  return { code: 'internal-error', message: `An unexpected error (${kind}) stopped this operation. Try again; if it persists, the app's logs have the details.` };
}
