import type { SimResponse } from '../sim-server';
import { graphError } from './graph-errors';
import { Cursor } from './odata-cursor';

/** Delta's limit on filtered objects (user-delta.md, group-delta.md). */
export const MAX_DELTA_FILTER_IDS = 50;

export type IdFilterResult =
  | { ok: true; ids: string[] }
  | { ok: false; code: 'Request_UnsupportedQuery' | 'BadRequest'; message: string };

/** `id eq 'a' or id eq 'b' ...`: the only `$filter` delta queries accept (facts 3.2). */
export function parseDeltaIdFilter(text: string): IdFilterResult {
  const c = new Cursor(text);
  const ids: string[] = [];
  do {
    if (!c.keyword('id') || !c.keyword('eq')) {
      return {
        ok: false,
        code: 'Request_UnsupportedQuery',
        message: "The only supported $filter expression on delta is 'id eq' (optionally joined with 'or').",
      };
    }
    const id = c.literal();
    if (id === undefined)
      return {
        ok: false,
        code: 'BadRequest',
        message: `Invalid filter clause: syntax error at position ${c.pos} in '${text}'.`,
      };
    ids.push(id);
  } while (c.keyword('or'));
  if (!c.atEnd())
    return {
      ok: false,
      code: 'BadRequest',
      message: `Invalid filter clause: syntax error at position ${c.pos} in '${text}'.`,
    };
  if (ids.length > MAX_DELTA_FILTER_IDS) {
    return {
      ok: false,
      code: 'Request_UnsupportedQuery',
      message: `Too many objects in the delta filter: ${ids.length}. At most ${MAX_DELTA_FILTER_IDS} objects can be filtered.`,
    };
  }
  return { ok: true, ids };
}

/** The `id eq` filter of a delta request as a lower-cased id set, undefined without one. */
export function deltaScope(query: URLSearchParams): Set<string> | undefined | SimResponse {
  const text = query.get('$filter');
  if (text === null) return undefined;
  const parsed = parseDeltaIdFilter(text);
  if (!parsed.ok) return graphError(400, parsed.code, parsed.message);
  return new Set(parsed.ids.map((id) => id.toLowerCase()));
}
