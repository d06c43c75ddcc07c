import { SyncError } from '../../core/errors';
import type { GraphPermission } from '../../ports/entra-directory';
import type { GraphCloudEndpoints } from './graph-clouds';

/** What a request reads, so a failure can name the permission and the object involved. */
export interface ReadPurpose {
  /** e.g. "the user list" or "the members of group 123". */
  what: string;
  permission: GraphPermission;
  /** Set for reads of one group: a 404 then means the group is gone. */
  groupId?: string;
  /** Set for delta reads: an expired or invalid sync state then becomes `delta-expired`. */
  delta?: boolean;
}

export const GRANT_STEPS =
  'App registrations → your app → API permissions → Add a permission → Microsoft Graph → Application permissions';

interface GraphErrorBody {
  error?: { code?: unknown; message?: unknown; innerError?: { code?: unknown } };
}

function parseGraphError(text: string): { code: string; innerCode: string; message: string } {
  try {
    const body = JSON.parse(text) as GraphErrorBody;
    const code = typeof body.error?.code === 'string' ? body.error.code : '';
    const innerCode = typeof body.error?.innerError?.code === 'string' ? body.error.innerError.code : '';
    const message = typeof body.error?.message === 'string' ? body.error.message : '';
    return { code, innerCode, message };
  } catch {
    return { code: '', innerCode: '', message: text.slice(0, 200) };
  }
}

/** Graph's answers for a delta token it no longer knows (facts 3.4): 410 Gone, syncStateNotFound, resyncRequired. */
const DELTA_STATE_CODES = new Set(['syncstatenotfound', 'resyncrequired']);

function deltaExpired(status: number, code: string, innerCode: string): boolean {
  return status === 410 || DELTA_STATE_CODES.has(code.toLowerCase()) || DELTA_STATE_CODES.has(innerCode.toLowerCase());
}

export function permissionMissing(purpose: ReadPurpose, cloud: GraphCloudEndpoints, detail: string): SyncError {
  return new SyncError(
    'graph-permission-missing',
    `${detail} Reading ${purpose.what} needs the Microsoft Graph application permission ${purpose.permission}. Add it in the Entra admin center (${cloud.portal}): ${GRANT_STEPS} → ${purpose.permission}, then select "Grant admin consent". Consent can take a few minutes to reach Graph.`,
  );
}

/** A failed Graph answer with what the request was for. */
interface FailedRead {
  status: number;
  code: string;
  innerCode: string;
  /** " Graph said: …", or empty when Graph said nothing. */
  graphSays: string;
  purpose: ReadPurpose;
  cloud: GraphCloudEndpoints;
}

/** How Graph's failures are told apart, in order: the first rule that matches names the error. */
const FAILURE_RULES: Array<{ matches: (r: FailedRead) => boolean; error: (r: FailedRead) => SyncError }> = [
  {
    matches: (r) => r.purpose.delta === true && deltaExpired(r.status, r.code, r.innerCode),
    // Tokens last 7 days and Graph may reset them at any time: start over, nothing was lost.
    error: (r) =>
      new SyncError(
        'delta-expired',
        `Microsoft Graph no longer knows the saved change-tracking state for ${r.purpose.what} (HTTP ${r.status}${r.code ? ` ${r.code}` : ''}); a full read will be done instead.`,
        { retryable: false },
      ),
  },
  {
    matches: (r) => r.status === 403,
    error: (r) =>
      permissionMissing(
        r.purpose,
        r.cloud,
        `Microsoft Graph refused to return ${r.purpose.what} (403 ${r.code || 'Forbidden'}).`,
      ),
  },
  {
    matches: (r) => r.status === 404 && r.purpose.groupId !== undefined,
    error: (r) =>
      new SyncError(
        'entra-group-not-found',
        `The Entra group ${r.purpose.groupId} no longer exists (or is not visible to the app). Remove it from the scope and mapping, or pick it again.`,
      ),
  },
  {
    matches: (r) => r.status === 404,
    error: (r) =>
      new SyncError(
        'graph-not-found',
        `Microsoft Graph found nothing at ${r.purpose.what} (404 ${r.code}).${r.graphSays}`,
      ),
  },
  {
    // Seen on long lists of large tenants: the nextLink is dead, the list must be read again from page one.
    matches: (r) => r.status === 400 && r.code === 'Directory_ExpiredPageToken',
    error: (r) =>
      new SyncError(
        'graph-page-token-expired',
        `Microsoft Graph's paging link for ${r.purpose.what} expired before the list was read to its end (400 Directory_ExpiredPageToken).`,
        { retryable: false },
      ),
  },
  {
    matches: (r) => r.status === 400,
    error: (r) =>
      new SyncError(
        'graph-bad-request',
        `Microsoft Graph rejected the request for ${r.purpose.what} (400 ${r.code}).${r.graphSays}`,
      ),
  },
  {
    matches: (r) => r.status === 401,
    error: (r) =>
      new SyncError(
        'graph-unauthorized',
        `Microsoft Graph did not accept a freshly issued access token (401 ${r.code}). Check that the cloud setting matches the tenant.${r.graphSays}`,
      ),
  },
  {
    matches: (r) => r.status === 429,
    error: (r) =>
      new SyncError('graph-throttled', `Microsoft Graph is throttling reads of ${r.purpose.what}.`, {
        retryable: true,
      }),
  },
  {
    matches: (r) => r.status >= 500,
    error: (r) =>
      new SyncError(
        'graph-unavailable',
        `Microsoft Graph failed with HTTP ${r.status} while reading ${r.purpose.what}.${r.graphSays}`,
        { retryable: true },
      ),
  },
];

/** A non-2xx Graph response (after retries) as a SyncError; never a silent empty result. */
export function graphResponseError(
  status: number,
  bodyText: string,
  purpose: ReadPurpose,
  cloud: GraphCloudEndpoints,
): SyncError {
  const { code, innerCode, message } = parseGraphError(bodyText);
  const failed: FailedRead = {
    status,
    code,
    innerCode,
    graphSays: message ? ` Graph said: ${message}` : '',
    purpose,
    cloud,
  };
  const rule = FAILURE_RULES.find((r) => r.matches(failed));
  if (rule) return rule.error(failed);
  return new SyncError(
    'graph-error',
    `Microsoft Graph answered HTTP ${status} while reading ${purpose.what}.${failed.graphSays}`,
  );
}
