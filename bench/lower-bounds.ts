import type { Scenario } from '../dev/scenario/scenario';
import type { Expected, NeededChanges } from './reference';

/** Graph page size maximum for /users, /groups and group member collections. */
export const GRAPH_PAGE = 999;
/** Values Graph accepts in one `id in (...)` filter without advanced queries. */
export const GRAPH_IN_FILTER = 15;
export const JIRA_USERS_PAGE = 1000;
export const JIRA_MEMBERS_PAGE = 50;
export const JIRA_GROUP_BULK_PAGE = 50;
export const JIRA_EMAILS_PER_CALL = 100;
/** group/bulk accessType values a run must list to know which groups it may never touch. */
export const PROTECTED_ACCESS_TYPES = 3;
/** GET /user (is the write identity active?) and GET /user/groups (is it a site admin?). */
export const IDENTITY_CHECK_READS = 2;

export interface Bounds {
  graph: number;
  jiraReads: number;
  jiraWrites: number;
}

const pages = (items: number, size: number): number => Math.max(1, Math.ceil(items / size));

/** Starting delta rounds "from now" ($deltatoken=latest) for users and groups, so later runs can be incremental. */
export const DELTA_SEED_CALLS = 2;

/**
 * The fewest Graph requests a complete read can make: the chosen groups' names (an `id in` filter
 * of at most 15 ids a request, or listing every group at 999 a page, whichever is fewer), then
 * every page of each chosen group's transitiveMembers (users and nested groups, 999 a page; an
 * empty group still costs one request), the two deltaLinks later incremental runs start from,
 * plus the secret-expiry check when it is due (once a day).
 */
export function graphFullBound(scenario: Scenario, expected: Expected, secretCheckDue: boolean): number {
  const roots = expected.transitiveItems.size;
  const lookup = Math.min(Math.ceil(roots / GRAPH_IN_FILTER), pages(scenario.entra.groups.length, GRAPH_PAGE));
  let members = 0;
  for (const items of expected.transitiveItems.values()) members += pages(items, GRAPH_PAGE);
  return lookup + members + DELTA_SEED_CALLS + (secretCheckDue ? 1 : 0);
}

/**
 * Jira reads an incremental run cannot avoid: one account lookup by email per new Entra user
 * (everyone else is known from stored links), and the write identity's health when it writes.
 */
export function incrementalJiraReadBound(newUsers: number, writes: number): number {
  return newUsers + (writes > 0 ? IDENTITY_CHECK_READS : 0);
}

/** An incremental read with nothing changed: one request on each stored deltaLink (users and groups). */
export const GRAPH_DELTA_NO_CHANGE_BOUND = 2;

/**
 * The fewest Jira reads a full reconcile can make: every account (users/search, 1000 a page, a
 * short page ends the list), the target groups by name (group/bulk, 50 names a page) and the
 * protected groups (one group/bulk per access type), the write identity's health, hidden emails
 * (email/bulk, 100 a call), and every page of each existing managed group's members (50 a page).
 */
export function jiraReadBound(scenario: Scenario, expected: Expected, current: ReadonlyArray<{ name: string; members: readonly string[] }>, jiraAccounts: number): number {
  const hidden = scenario.jira.users.filter((u) => u.emailHidden && u.active && u.accountType === 'atlassian').length;
  const existing = new Map(current.map((g) => [g.name.toLowerCase(), g.members.length]));
  let members = 0;
  for (const name of expected.desired.keys()) {
    const count = existing.get(name.toLowerCase());
    if (count !== undefined) members += pages(count, JIRA_MEMBERS_PAGE);
  }
  return (
    Math.floor(jiraAccounts / JIRA_USERS_PAGE) + 1 +
    Math.ceil(expected.desired.size / JIRA_GROUP_BULK_PAGE) + PROTECTED_ACCESS_TYPES +
    IDENTITY_CHECK_READS +
    Math.ceil(hidden / JIRA_EMAILS_PER_CALL) +
    members
  );
}

export function fullBounds(scenario: Scenario, expected: Expected, current: ReadonlyArray<{ name: string; members: readonly string[] }>, needed: NeededChanges, secretCheckDue: boolean): Bounds {
  return { graph: graphFullBound(scenario, expected, secretCheckDue), jiraReads: jiraReadBound(scenario, expected, current, scenario.jira.users.length), jiraWrites: needed.total };
}

/** Lower-bound time: every request's latency, spread over `concurrency` requests in flight. */
export function boundTimeMs(graphCalls: number, jiraCalls: number, latency: { graphMs: number; jiraMs: number }, concurrency: number): number {
  return (graphCalls * latency.graphMs + jiraCalls * latency.jiraMs) / concurrency;
}
