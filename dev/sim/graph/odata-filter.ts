import { Cursor } from './odata-cursor';

/**
 * The `$filter` forms the simulator serves on /groups (the ones Graph supports by default):
 * `id in ('a','b')`, `id eq 'a'`, `displayName eq 'x'` and `startswith(displayName,'x')`.
 * String literals use OData quoting: a single quote inside is written twice.
 */
export type GroupFilter =
  | { kind: 'idIn'; ids: string[] }
  | { kind: 'displayNameEq'; value: string }
  | { kind: 'startsWith'; prefix: string };

export type FilterResult =
  | { ok: true; filter: GroupFilter }
  | { ok: false; status: 400; code: 'Request_UnsupportedQuery' | 'BadRequest'; message: string };

/** Graph's limit on `in` values without advanced queries (microsoft-graph-docs PR #22097). */
export const MAX_IN_VALUES = 15;

function syntaxError(text: string, pos: number): FilterResult {
  return {
    ok: false,
    status: 400,
    code: 'BadRequest',
    message: `Invalid filter clause: syntax error at position ${pos} in '${text}'.`,
  };
}

function unsupported(): FilterResult {
  return {
    ok: false,
    status: 400,
    code: 'Request_UnsupportedQuery',
    message: "Unsupported or invalid query filter clause specified for property of resource 'Group'.",
  };
}

export function parseGroupFilter(text: string): FilterResult {
  const c = new Cursor(text);
  if (c.keyword('startswith') && c.eat('(')) {
    if (!c.keyword('displayName')) return unsupported();
    if (!c.eat(',')) return syntaxError(text, c.pos);
    const prefix = c.literal();
    if (prefix === undefined || !c.eat(')')) return syntaxError(text, c.pos);
    return c.atEnd() ? { ok: true, filter: { kind: 'startsWith', prefix } } : syntaxError(text, c.pos);
  }
  if (c.keyword('displayName')) {
    if (!c.keyword('eq')) return unsupported();
    const value = c.literal();
    if (value === undefined) return syntaxError(text, c.pos);
    return c.atEnd() ? { ok: true, filter: { kind: 'displayNameEq', value } } : syntaxError(text, c.pos);
  }
  if (c.keyword('id')) {
    if (c.keyword('eq')) {
      const value = c.literal();
      if (value === undefined) return syntaxError(text, c.pos);
      return c.atEnd() ? { ok: true, filter: { kind: 'idIn', ids: [value] } } : syntaxError(text, c.pos);
    }
    if (!c.keyword('in') || !c.eat('(')) return unsupported();
    const ids: string[] = [];
    for (;;) {
      const value = c.literal();
      if (value === undefined) return syntaxError(text, c.pos);
      ids.push(value);
      if (c.eat(')')) break;
      if (!c.eat(',')) return syntaxError(text, c.pos);
    }
    if (!c.atEnd()) return syntaxError(text, c.pos);
    if (ids.length > MAX_IN_VALUES) {
      return {
        ok: false,
        status: 400,
        code: 'Request_UnsupportedQuery',
        message: `Too many child clauses specified in search filter expression containing 'OR' operators: ${ids.length}. Max allowed: ${MAX_IN_VALUES}.`,
      };
    }
    return { ok: true, filter: { kind: 'idIn', ids } };
  }
  return unsupported();
}

export function matchesGroupFilter(filter: GroupFilter, group: { id: string; displayName: string }): boolean {
  switch (filter.kind) {
    case 'idIn':
      return filter.ids.some((id) => id.toLowerCase() === group.id.toLowerCase());
    case 'displayNameEq':
      return group.displayName.toLowerCase() === filter.value.toLowerCase();
    case 'startsWith':
      // Directory string comparisons are case-insensitive.
      return group.displayName.toLowerCase().startsWith(filter.prefix.toLowerCase());
  }
}
