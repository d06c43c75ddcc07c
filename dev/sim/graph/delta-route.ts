import type { SimResponse } from '../sim-server';
import type { DeltaKind, DeltaRound } from './delta-state';
import { GRAPH_ERRORS } from './graph-errors';
import type { GraphObject } from './odata-select';
import { isResponse } from './paging';
import type { RouteContext } from './route-context';
import { metadataContext } from './route-context';

/** What a round is computed from: the initial request's options, and the change position to start after (null = everything). */
export interface DeltaRequest {
  query: URLSearchParams;
  since: number | null;
}

export type BuildPages = (context: RouteContext, request: DeltaRequest) => GraphObject[][] | SimResponse;

/** Query options a round keeps in its tokens; paging and token options never are. */
function initialOptions(query: URLSearchParams): Array<[string, string]> {
  return [...query.entries()].filter(([name]) => name !== '$skiptoken' && name !== '$deltatoken');
}

function page(context: RouteContext, kind: DeltaKind, roundId: number, round: DeltaRound, index: number): SimResponse {
  const base = `${context.request.origin}${encodeURI(context.path)}`;
  const body: Record<string, unknown> = {
    '@odata.context': metadataContext(context, kind),
    value: round.pages[index] ?? [],
  };
  // A page has either a nextLink or, on the last page, the deltaLink; never both (facts 3.1).
  if (index + 1 < round.pages.length)
    body['@odata.nextLink'] = `${base}?$skiptoken=${context.delta.skipToken(roundId, index + 1)}`;
  else body['@odata.deltaLink'] = `${base}?$deltatoken=${context.delta.deltaToken(round, Date.now())}`;
  return { status: 200, body };
}

/**
 * The delta call pattern for users and groups: an initial request (everything), `$deltatoken=latest`
 * (nothing, just a deltaLink), a deltaLink (changes since its token), or a nextLink within a round.
 * A round's answer is fixed when it starts; changes made meanwhile come in the next round.
 */
export function serveDelta(context: RouteContext, kind: DeltaKind, build: BuildPages): SimResponse {
  const { query } = context.request;
  const skipToken = query.get('$skiptoken');
  if (skipToken !== null) {
    const found = context.delta.readSkipToken(skipToken, kind);
    if (!found) return GRAPH_ERRORS.syncStateNotFound();
    return page(context, kind, found.roundId, found.round, found.index);
  }

  let request: DeltaRequest;
  const deltaToken = query.get('$deltatoken');
  if (deltaToken === null) request = { query, since: null };
  else if (deltaToken === 'latest') request = { query, since: context.delta.log.current() };
  else {
    const token = context.delta.readDeltaToken(deltaToken, kind, Date.now());
    if (token === 'malformed') return GRAPH_ERRORS.badDeltaToken();
    if (token === 'expired') return GRAPH_ERRORS.syncStateNotFound();
    request = { query: new URLSearchParams(token.q), since: token.s };
  }
  const toSeq = context.delta.log.current();
  const pages = build(context, request);
  if (isResponse(pages)) return pages;
  const round: DeltaRound = {
    kind,
    query: initialOptions(request.query),
    pages: pages.length > 0 ? pages : [[]],
    toSeq,
  };
  return page(context, kind, context.delta.open(round), round, 0);
}

/** Splits entries into pages of `size` (always at least one page, possibly empty). */
export function chunk<T>(items: T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages.length > 0 ? pages : [[]];
}
