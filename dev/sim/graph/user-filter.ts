import { Cursor } from './odata-cursor';

/**
 * The `$filter` forms the simulator serves on /users: `startswith(p,'x')` on mail, userPrincipalName
 * or displayName, joined by `or` (all supported by default, facts 2.2). Anything else is refused
 * the way Graph refuses a query that needs advanced parameters.
 */
export interface UserPrefixClause {
  property: 'mail' | 'userPrincipalName' | 'displayName';
  prefix: string;
}

export type UserFilterResult = { ok: true; clauses: UserPrefixClause[] } | { ok: false; code: 'Request_UnsupportedQuery' | 'BadRequest'; message: string };

const PROPERTIES: ReadonlyArray<UserPrefixClause['property']> = ['mail', 'userPrincipalName', 'displayName'];

function unsupported(): UserFilterResult {
  return { ok: false, code: 'Request_UnsupportedQuery', message: "Unsupported or invalid query filter clause specified for property of resource 'User'." };
}

export function parseUserFilter(text: string): UserFilterResult {
  const c = new Cursor(text);
  const clauses: UserPrefixClause[] = [];
  do {
    if (!c.keyword('startswith') || !c.eat('(')) return unsupported();
    const property = PROPERTIES.find((p) => c.keyword(p));
    if (!property) return unsupported();
    if (!c.eat(',')) return { ok: false, code: 'BadRequest', message: `Invalid filter clause: syntax error at position ${c.pos} in '${text}'.` };
    const prefix = c.literal();
    if (prefix === undefined || !c.eat(')')) return { ok: false, code: 'BadRequest', message: `Invalid filter clause: syntax error at position ${c.pos} in '${text}'.` };
    clauses.push({ property, prefix });
  } while (c.keyword('or'));
  return c.atEnd() ? { ok: true, clauses } : { ok: false, code: 'BadRequest', message: `Invalid filter clause: syntax error at position ${c.pos} in '${text}'.` };
}

/** Case-insensitive prefix match, as directory string comparisons are; a null property never matches. */
export function matchesUserFilter(clauses: UserPrefixClause[], user: Record<string, unknown>): boolean {
  return clauses.some((clause) => {
    const value = user[clause.property];
    return typeof value === 'string' && value.toLowerCase().startsWith(clause.prefix.toLowerCase());
  });
}
