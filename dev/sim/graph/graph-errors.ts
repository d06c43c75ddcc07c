import { randomUUID } from 'node:crypto';
import type { ScenarioErrorFault } from '../../scenario/scenario';
import type { SimResponse } from '../sim-server';
import { aadstsError } from './aadsts-errors';

/** Graph's error shape: `{error: {code, message, innerError: {date, request-id, client-request-id}}}`. */
export function graphError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  innerCode?: string,
): SimResponse {
  const requestId = randomUUID();
  const innerError: Record<string, string> = {
    date: new Date().toISOString().replace(/\.\d+Z$/, ''),
    'request-id': requestId,
    'client-request-id': requestId,
  };
  if (innerCode) innerError.code = innerCode;
  return { status, headers: { 'request-id': requestId, ...headers }, body: { error: { code, message, innerError } } };
}

export const GRAPH_ERRORS = {
  tokenMissing: () =>
    graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.', {
      'www-authenticate':
        'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"',
    }),
  tokenInvalid: () =>
    graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.'),
  tokenExpired: () =>
    graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'),
  forbidden: () => graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
  notFound: (id: string) =>
    graphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    ),
  badPageSize: (value: string) =>
    graphError(
      400,
      'Request_BadRequest',
      `Invalid page size specified: '${value}'. Must be between 1 and 999 inclusive.`,
    ),
  expiredPageToken: () =>
    graphError(
      400,
      'Directory_ExpiredPageToken',
      'The specified page token value has expired and can no longer be included in your request.',
    ),
  unsupportedQuery: (message = 'Unsupported Query.') => graphError(400, 'Request_UnsupportedQuery', message),
  badRequest: (message: string) => graphError(400, 'BadRequest', message),
  unknownSegment: (segment: string) =>
    graphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`),
  /** An expired or reset delta token (Microsoft's 2020 announcement of the seven-day limit quotes this text). */
  syncStateNotFound: () =>
    graphError(
      400,
      'syncStateNotFound',
      'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
    ),
  badDeltaToken: () => graphError(400, 'BadRequest', 'The delta token is not valid for this request.'),
  methodNotAllowed: () =>
    graphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.'),
};

/**
 * The response for an injected fault: the scenario's body when given, else what the service sends
 * for that status (OAuth-shaped on the token endpoint, Graph-shaped elsewhere).
 */
export function faultResponse(fault: ScenarioErrorFault, tokenEndpoint: boolean): SimResponse {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (fault.body !== undefined) return { status: fault.status, headers, body: fault.body };
  if (tokenEndpoint) {
    const response =
      fault.status === 429
        ? aadstsError(
            429,
            'temporarily_unavailable',
            90055,
            'There are too many incoming requests. Please try again later.',
          )
        : aadstsError(
            fault.status,
            'temporarily_unavailable',
            90033,
            'Due to a transient error the service is unavailable. Please try again later.',
          );
    return { ...response, headers: { ...response.headers, ...headers } };
  }
  let response: SimResponse;
  switch (fault.status) {
    case 429:
      headers['x-ms-throttle-information'] = 'ResourceUnitLimitExceeded';
      headers['x-ms-throttle-scope'] = 'Tenant_Application/ReadWrite/sim/sim';
      response = graphError(429, 'TooManyRequests', 'Too many requests.', headers, 'throttledRequest');
      break;
    case 503:
      response = graphError(503, 'serviceNotAvailable', 'Service unavailable. Please try again later.', headers);
      break;
    case 410:
      // Graph's "start over" for delta (facts 3.4); the client must do a full synchronization.
      response = graphError(
        410,
        'resyncRequired',
        'The delta token is no longer valid, and the app must reset the sync state.',
        headers,
      );
      break;
    case 500:
    case 504:
      response = graphError(fault.status, 'UnknownError', '', headers);
      break;
    default:
      response = graphError(
        fault.status,
        fault.status >= 500 ? 'UnknownError' : 'BadRequest',
        `Injected fault: HTTP ${fault.status}.`,
        headers,
      );
  }
  return response;
}
