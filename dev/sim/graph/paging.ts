import type { SimRequest, SimResponse } from '../sim-server';
import { GRAPH_ERRORS } from './graph-errors';

/** Graph's directory collections: 100 per page by default, `$top` from 1 to 999. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 999;

/** The query a page is computed from: the request's own, or the one sealed in its `$skiptoken`. */
export interface PageRequest {
  query: URLSearchParams;
  offset: number;
}

interface SkipToken {
  p: string;
  q: Array<[string, string]>;
  o: number;
}

/**
 * Resolves `$skiptoken`. The token is opaque to clients and carries every original parameter plus
 * the offset, bound to the path, so a token replayed on another collection is refused.
 */
export function readPageRequest(request: SimRequest, path: string): PageRequest | SimResponse {
  const token = request.query.get('$skiptoken');
  if (token === null) return { query: request.query, offset: 0 };
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as SkipToken;
    if (decoded.p !== path || !Array.isArray(decoded.q) || !Number.isInteger(decoded.o) || decoded.o < 0)
      return GRAPH_ERRORS.expiredPageToken();
    return { query: new URLSearchParams(decoded.q), offset: decoded.o };
  } catch {
    return GRAPH_ERRORS.expiredPageToken();
  }
}

/** `$top` as a page size, or Graph's 400 for anything outside 1..999. */
export function pageSize(query: URLSearchParams): number | SimResponse {
  const raw = query.get('$top');
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < 1 || value > MAX_PAGE_SIZE) return GRAPH_ERRORS.badPageSize(raw);
  return value;
}

/** Graph keeps `$` unencoded in query option names; values are percent-encoded. */
function encodeQuery(entries: Array<[string, string]>): string {
  return entries.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

/**
 * One page of `items` with an absolute `@odata.nextLink` built from the request's own host.
 * `present` shapes only the page's items (shaping all 50k members of a group for each page of 999
 * was most of a page's cost).
 */
export function pageResponse<T>(
  request: SimRequest,
  path: string,
  page: PageRequest,
  requestedSize: number,
  items: T[],
  context: string,
  present: (item: T) => unknown = (item) => item,
): SimResponse {
  const size = Math.min(requestedSize, request.pageCap ?? requestedSize);
  const slice = items.slice(page.offset, page.offset + size).map(present);
  const body: Record<string, unknown> = { '@odata.context': context, value: slice };
  // `$count=true` counts only as an advanced query (ConsistencyLevel: eventual, sent again with
  // every nextLink); without the header Graph ignores it (learn.microsoft.com/graph/aad-advanced-queries).
  if (
    page.query.get('$count') === 'true' &&
    String(request.headers.consistencylevel ?? '').toLowerCase() === 'eventual'
  )
    body['@odata.count'] = items.length;
  const nextOffset = page.offset + size;
  if (nextOffset < items.length) {
    const original = [...page.query.entries()].filter(([k]) => k !== '$skiptoken');
    const token = Buffer.from(JSON.stringify({ p: path, q: original, o: nextOffset } satisfies SkipToken)).toString(
      'base64url',
    );
    const query = encodeQuery([...original, ['$skiptoken', token]]);
    body['@odata.nextLink'] = `${request.origin}${encodeURI(path)}?${query}`;
  }
  return { status: 200, body };
}

export function isResponse(value: unknown): value is SimResponse {
  return typeof value === 'object' && value !== null && 'status' in value;
}
