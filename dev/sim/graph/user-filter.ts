import { Cursor } from './odata-cursor';

/**
 * The `$filter` forms the simulator serves on /users, all supported without advanced query
 * parameters (learn.microsoft.com/graph/aad-advanced-queries, user properties table):
 * `startswith(p,'x')` and `p eq 'x'` on mail, userPrincipalName, displayName; `userType eq 'x'`,
 * `id eq 'x'`, `accountEnabled eq true|false`; clauses joined all by `or` or all by `and`.
 * Anything else (ne, not, endswith, mixed and/or, other properties) is refused the way Graph refuses
 * a query that needs advanced parameters: the simulator never answers a query it does not model.
 */
export type UserClause =
  | { kind: 'startswith'; property: 'mail' | 'userPrincipalName' | 'displayName'; value: string }
  | { kind: 'eq'; property: 'mail' | 'userPrincipalName' | 'displayName' | 'userType' | 'id'; value: string }
  | { kind: 'eq'; property: 'accountEnabled'; value: boolean };

export interface UserFilter {
  join: 'or' | 'and';
  clauses: UserClause[];
}

export type UserFilterResult =
  | { ok: true; filter: UserFilter }
  | { ok: false; code: 'Request_UnsupportedQuery' | 'BadRequest'; message: string };

const PREFIX_PROPERTIES = ['mail', 'userPrincipalName', 'displayName'] as const;
const STRING_EQ_PROPERTIES = [...PREFIX_PROPERTIES, 'userType', 'id'] as const;

function unsupported(): UserFilterResult {
  return {
    ok: false,
    code: 'Request_UnsupportedQuery',
    message: "Unsupported or invalid query filter clause specified for property of resource 'User'.",
  };
}

function syntaxError(c: Cursor): UserFilterResult {
  return {
    ok: false,
    code: 'BadRequest',
    message: `Invalid filter clause: syntax error at position ${c.pos} in '${c.text}'.`,
  };
}

function clause(c: Cursor): UserClause | UserFilterResult {
  if (c.keyword('startswith')) {
    if (!c.eat('(')) return syntaxError(c);
    const property = PREFIX_PROPERTIES.find((p) => c.keyword(p));
    if (!property) return unsupported();
    if (!c.eat(',')) return syntaxError(c);
    const value = c.literal();
    if (value === undefined || !c.eat(')')) return syntaxError(c);
    return { kind: 'startswith', property, value };
  }
  if (c.keyword('accountEnabled')) {
    if (!c.keyword('eq')) return unsupported();
    if (c.keyword('true')) return { kind: 'eq', property: 'accountEnabled', value: true };
    if (c.keyword('false')) return { kind: 'eq', property: 'accountEnabled', value: false };
    return syntaxError(c);
  }
  const property = STRING_EQ_PROPERTIES.find((p) => c.keyword(p));
  if (!property || !c.keyword('eq')) return unsupported();
  const value = c.literal();
  if (value === undefined) return syntaxError(c);
  return { kind: 'eq', property, value };
}

export function parseUserFilter(text: string): UserFilterResult {
  const c = new Cursor(text);
  const clauses: UserClause[] = [];
  let join: UserFilter['join'] | undefined;
  for (;;) {
    const next = clause(c);
    if ('ok' in next) return next;
    clauses.push(next);
    const word = c.keyword('or') ? 'or' : c.keyword('and') ? 'and' : undefined;
    if (!word) break;
    if (join && join !== word) return unsupported();
    join = word;
  }
  return c.atEnd() ? { ok: true, filter: { join: join ?? 'or', clauses } } : syntaxError(c);
}

/** Directory string comparisons are case-insensitive; a null property never matches. */
function matches(clause: UserClause, user: Record<string, unknown>): boolean {
  const value = user[clause.property];
  if (clause.property === 'accountEnabled') return value === clause.value;
  if (typeof value !== 'string' || typeof clause.value !== 'string') return false;
  return clause.kind === 'startswith'
    ? value.toLowerCase().startsWith(clause.value.toLowerCase())
    : value.toLowerCase() === clause.value.toLowerCase();
}

export function matchesUserFilter(filter: UserFilter, user: Record<string, unknown>): boolean {
  return filter.join === 'or'
    ? filter.clauses.some((c) => matches(c, user))
    : filter.clauses.every((c) => matches(c, user));
}
