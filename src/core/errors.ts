/**
 * What the admin does about an error: nothing (the app handles it), wait (the run retries by
 * itself or the limit resets), fix something (the connection, the write identity, a setting, Jira
 * or Entra), ask a site admin, reload the page, start the run again, or report it.
 */
export type AdminAction =
  | 'nothing'
  | 'wait'
  | 'fix-connection'
  | 'fix-write-identity'
  | 'fix-settings'
  | 'fix-in-jira'
  | 'ask-site-admin'
  | 'reload'
  | 'start-again'
  | 'report';

interface ErrorCodeFacts {
  /** Whether a run retries it from its last checkpoint (the default of SyncError's `retryable`). */
  retried: boolean;
  admin: AdminAction;
  /** Stops the whole run during apply (the write identity cannot write), rather than failing one change. */
  stopsRun?: true;
}

/** Every code a SyncError carries: a stable, kebab-case public contract (scenario report, admin page). */
export const ERROR_CODES = {
  'app-not-found': { retried: false, admin: 'fix-connection' },
  'delta-expired': { retried: false, admin: 'nothing' },
  'delta-filter-invalid': { retried: false, admin: 'report' },
  'entra-group-not-found': { retried: false, admin: 'fix-settings' },
  forbidden: { retried: false, admin: 'ask-site-admin' },
  'forge-request-refused': { retried: false, admin: 'report' },
  'graph-bad-request': { retried: false, admin: 'report' },
  'graph-bad-response': { retried: true, admin: 'wait' },
  'graph-error': { retried: false, admin: 'report' },
  'graph-invalid-next-link': { retried: false, admin: 'report' },
  'graph-not-found': { retried: false, admin: 'fix-settings' },
  'graph-page-token-expired': { retried: false, admin: 'start-again' },
  'graph-permission-missing': { retried: false, admin: 'fix-connection' },
  'graph-subscription-not-found': { retried: false, admin: 'nothing' },
  'graph-throttled': { retried: true, admin: 'wait' },
  'graph-unauthorized': { retried: false, admin: 'fix-connection' },
  'graph-unavailable': { retried: true, admin: 'wait' },
  'group-not-created': { retried: false, admin: 'fix-in-jira' },
  'internal-error': { retried: false, admin: 'report' },
  'invalid-cron': { retried: false, admin: 'fix-settings' },
  'invalid-payload': { retried: false, admin: 'reload' },
  'impersonation-throttled': { retried: true, admin: 'wait' },
  'invalid-settings': { retried: false, admin: 'fix-settings' },
  'service-unavailable': { retried: true, admin: 'wait' },
  'jira-group-create-refused': { retried: false, admin: 'fix-in-jira' },
  'jira-invalid-response': { retried: true, admin: 'wait' },
  'jira-not-found': { retried: false, admin: 'fix-in-jira' },
  'jira-permission-missing': { retried: false, admin: 'fix-write-identity' },
  'jira-quota-exhausted': { retried: true, admin: 'wait', stopsRun: true },
  'jira-rate-limited': { retried: true, admin: 'wait' },
  'jira-request-failed': { retried: false, admin: 'fix-in-jira' },
  'jira-unauthorized': { retried: false, admin: 'fix-write-identity', stopsRun: true },
  'jira-unavailable': { retried: true, admin: 'wait' },
  'network-error': { retried: true, admin: 'wait' },
  'not-configured': { retried: false, admin: 'fix-connection' },
  'not-signed-in': { retried: false, admin: 'reload' },
  'notifications-unavailable': { retried: false, admin: 'nothing' },
  'protected-groups-unknown': { retried: false, admin: 'start-again' },
  'protection-check-failed': { retried: false, admin: 'start-again' },
  'run-already-resolved': { retried: false, admin: 'reload' },
  'run-in-progress': { retried: false, admin: 'wait' },
  'run-lock-lost': { retried: false, admin: 'start-again' },
  'run-not-found': { retried: false, admin: 'reload' },
  'run-not-held': { retried: false, admin: 'reload' },
  'run-superseded': { retried: false, admin: 'start-again' },
  'runas-inactive': { retried: false, admin: 'fix-write-identity', stopsRun: true },
  'runas-not-site-admin': { retried: false, admin: 'fix-write-identity', stopsRun: true },
  'secret-expired': { retried: false, admin: 'fix-connection' },
  'secret-invalid': { retried: false, admin: 'fix-connection' },
  'storage-throttled': { retried: true, admin: 'wait' },
  'storage-value-too-large': { retried: false, admin: 'report' },
  'secret-missing': { retried: false, admin: 'fix-connection' },
  'tenant-invalid': { retried: false, admin: 'fix-connection' },
  'tenant-not-found': { retried: false, admin: 'fix-connection' },
  'token-error': { retried: false, admin: 'fix-connection' },
  'token-invalid': { retried: false, admin: 'fix-write-identity', stopsRun: true },
  'token-loop-detected': { retried: true, admin: 'wait' },
  'token-unavailable': { retried: true, admin: 'wait' },
  'unknown-resolver': { retried: false, admin: 'reload' },
  'user-create-forbidden': { retried: false, admin: 'fix-write-identity' },
  'user-create-refused': { retried: false, admin: 'fix-in-jira' },
  'user-not-created': { retried: false, admin: 'fix-in-jira' },
  'wrong-cloud': { retried: false, admin: 'fix-connection' },
} as const satisfies Record<string, ErrorCodeFacts>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Codes that stop the whole run when a change hits them. */
export const RUN_STOPPING_CODES: ReadonlySet<ErrorCode> = new Set(
  (Object.keys(ERROR_CODES) as ErrorCode[]).filter((code) => (ERROR_CODES[code] as ErrorCodeFacts).stopsRun),
);

/**
 * The one error type that crosses layers. `code` is a stable, kebab-case public contract (it
 * reaches the scenario report and the admin page); `message` says what happened and what to do.
 * `retryable` errors may succeed later (throttling, outages); the runner reschedules them.
 * Messages must never contain a secret.
 */
export class SyncError extends Error {
  override readonly name = 'SyncError';
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** Seconds the service asked us to wait (Retry-After), when it said. */
  readonly retryAfterSeconds: number | undefined;
  /** For validation errors: each bad field and why (the page highlights them). */
  readonly fields: Array<{ path: string; message: string }> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      retryable?: boolean;
      retryAfterSeconds?: number;
      cause?: unknown;
      fields?: Array<{ path: string; message: string }>;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? ERROR_CODES[code].retried;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.fields = options.fields;
  }

  toJSON(): { code: string; message: string; fields?: Array<{ path: string; message: string }> } {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}

export function isSyncError(value: unknown): value is SyncError {
  return (
    value instanceof Error &&
    (value as { name?: string }).name === 'SyncError' &&
    typeof (value as SyncError).code === 'string'
  );
}

/** Any thrown value as `{code, message}`; unknown errors become `internal-error` without their stack. */
export function describeError(error: unknown): {
  code: string;
  message: string;
  fields?: Array<{ path: string; message: string }>;
} {
  if (isSyncError(error)) return error.toJSON();
  // Raw messages of unexpected errors can name internals (storage keys, stack frames): they go to
  // the log, and callers get a stable, generic message.
  const kind = error instanceof Error ? error.name : typeof error;
  return {
    code: 'internal-error',
    message: `An unexpected error (${kind}) stopped this operation. Try again; if it persists, the app's logs have the details.`,
  };
}
