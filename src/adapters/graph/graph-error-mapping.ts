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

/** A non-2xx Graph response (after retries) as a SyncError; never a silent empty result. */
// eslint-disable-next-line max-lines-per-function -- to split (issue 16); over 60 lines once formatted
export function graphResponseError(
  status: number,
  bodyText: string,
  purpose: ReadPurpose,
  cloud: GraphCloudEndpoints,
): SyncError {
  const { code, innerCode, message } = parseGraphError(bodyText);
  const graphSays = message ? ` Graph said: ${message}` : '';
  if (purpose.delta && deltaExpired(status, code, innerCode)) {
    // Tokens last 7 days and Graph may reset them at any time: start over, nothing was lost.
    return new SyncError(
      'delta-expired',
      `Microsoft Graph no longer knows the saved change-tracking state for ${purpose.what} (HTTP ${status}${code ? ` ${code}` : ''}); a full read will be done instead.`,
      { retryable: false },
    );
  }
  if (status === 403)
    return permissionMissing(
      purpose,
      cloud,
      `Microsoft Graph refused to return ${purpose.what} (403 ${code || 'Forbidden'}).`,
    );
  if (status === 404 && purpose.groupId !== undefined) {
    return new SyncError(
      'entra-group-not-found',
      `The Entra group ${purpose.groupId} no longer exists (or is not visible to the app). Remove it from the scope and mapping, or pick it again.`,
    );
  }
  if (status === 404)
    return new SyncError(
      'graph-not-found',
      `Microsoft Graph found nothing at ${purpose.what} (404 ${code}).${graphSays}`,
    );
  if (status === 400 && code === 'Directory_ExpiredPageToken') {
    // Seen on long lists of large tenants: the nextLink is dead, the list must be read again from page one.
    return new SyncError(
      'graph-page-token-expired',
      `Microsoft Graph's paging link for ${purpose.what} expired before the list was read to its end (400 Directory_ExpiredPageToken).`,
      { retryable: false },
    );
  }
  if (status === 400)
    return new SyncError(
      'graph-bad-request',
      `Microsoft Graph rejected the request for ${purpose.what} (400 ${code}).${graphSays}`,
    );
  if (status === 401) {
    return new SyncError(
      'graph-unauthorized',
      `Microsoft Graph did not accept a freshly issued access token (401 ${code}). Check that the cloud setting matches the tenant.${graphSays}`,
    );
  }
  if (status === 429)
    return new SyncError('graph-throttled', `Microsoft Graph is throttling reads of ${purpose.what}.`, {
      retryable: true,
    });
  if (status >= 500)
    return new SyncError(
      'graph-unavailable',
      `Microsoft Graph failed with HTTP ${status} while reading ${purpose.what}.${graphSays}`,
      { retryable: true },
    );
  return new SyncError(
    'graph-error',
    `Microsoft Graph answered HTTP ${status} while reading ${purpose.what}.${graphSays}`,
  );
}
