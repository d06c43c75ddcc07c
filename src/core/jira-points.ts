/**
 * Jira's points-based rate limit (jira-api.md §6.1): every request costs 1 point, and a GET of
 * "Identity & access" objects (users, groups, permissions: everything this app reads) adds 2 points
 * per object returned. Writes cost the base point. API-token traffic is exempt.
 */

/** Tier 1: points an hour for the whole app, shared by every site it is installed on. */
export const POOL_POINTS_PER_HOUR = 65_000;
/** Points per object an "Identity & access" GET returns. */
export const POINTS_PER_OBJECT = 2;

/**
 * Points of one answered request. A 429 (refused before the route) and a 5xx (no answer from the
 * route) are charged nothing here, as the Jira simulator charges them nothing.
 */
export function requestPoints(method: string, status: number, body: unknown): number {
  if (status === 429 || status >= 500) return 0;
  const ok = status >= 200 && status < 300;
  return method.toUpperCase() === 'GET' && ok ? 1 + POINTS_PER_OBJECT * objectsIn(body) : 1;
}

/** Objects an answer returns: a list's items, a page's `values`, a picker's `groups`, permission entries, else the one object. */
export function objectsIn(body: unknown): number {
  if (body === undefined || body === null) return 0;
  if (Array.isArray(body)) return body.length;
  if (typeof body !== 'object') return 1;
  const record = body as Record<string, unknown>;
  for (const key of ['values', 'groups']) {
    const list = record[key];
    if (Array.isArray(list)) return list.length;
  }
  if (record.permissions && typeof record.permissions === 'object') return Object.keys(record.permissions).length;
  return 1;
}

/** group/member answers 50 members a page. */
const MEMBERS_PER_PAGE = 50;

/** Points of reading every member of the managed groups once: at most one part-filled page a group, plus 2 a member. */
export function membershipReadPoints(memberships: number, groups: number): number {
  return groups + Math.ceil(memberships / MEMBERS_PER_PAGE) + POINTS_PER_OBJECT * memberships;
}
