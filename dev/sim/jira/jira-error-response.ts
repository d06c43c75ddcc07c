import type { SimResponse } from '../sim-server';

/** Jira's ErrorCollection shape, used for every simulated error so clients parse one format. */
export function jiraError(status: number, ...errorMessages: string[]): SimResponse {
  return { status, body: { errorMessages, errors: {} } };
}

export const NOT_AUTHENTICATED = 'Client must be authenticated to access this resource.';
/** What Jira answered asApp() on a site-admin-only write (jira-api.md §3.1). */
export const NO_RELEVANT_PERMISSION = 'user does not have the relevant permissions';
export const BROWSE_PERMISSION_REQUIRED = 'Browse users and groups permission is required to view groups.';
/** Jira's answer for an unknown group or user on group/user (jira-api.md §4, observed). */
export const USER_OR_GROUP_MISSING = 'Specified user does not exist or you do not have required permissions';

export function unauthorized(): SimResponse {
  return jiraError(401, NOT_AUTHENTICATED);
}

export function routeNotFound(method: string, path: string): SimResponse {
  return jiraError(404, `No resource matches ${method} ${path}.`);
}

/** Query integer with a default; NaN, fractions and negatives are reported as invalid (null). */
export function queryInt(query: URLSearchParams, name: string, fallback: number): number | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) return null;
  return Number(raw);
}
