import type { Scenario } from '../dev/scenario/scenario';
import { GROUPS_PER_DELTA_PAGE, MEMBERS_PER_DELTA_PAGE } from '../dev/sim/graph/groups-delta-route';
import { USERS_PER_DELTA_PAGE } from '../dev/sim/graph/users-delta-route';
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

/**
 * The write identity's health, read before a run's first write unless a check within the last day
 * found it healthy (WRITE_IDENTITY_TRUSTED_MS; a refused write asks again at once). A full run
 * always asks.
 */
export function identityReads(needed: NeededChanges, trusted: boolean): number {
  return needed.total > 0 && !trusted ? IDENTITY_CHECK_READS : 0;
}

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

/** An incremental read with nothing changed: one request on each stored deltaLink (users and groups). */
export const GRAPH_DELTA_NO_CHANGE_BOUND = 2;

/** What changed in Entra between two runs, as the incremental bounds need it. */
export interface EntraChange {
  /** Users added, deleted or with a changed property (what users/delta reports). */
  users: Set<string>;
  /** Groups whose direct members changed (what groups/delta reports as members@delta). */
  groups: Set<string>;
  /** Direct membership changes (member references groups/delta returns). */
  memberRefs: number;
  /** Users whose direct membership in some group changed, by group. */
  memberships: Array<{ groupId: string; userId: string }>;
}

/** The difference between two Entra states (ids lower case). */
export function entraChange(before: Scenario, after: Scenario): EntraChange {
  const usersBefore = new Map(before.entra.users.map((u) => [u.id.toLowerCase(), JSON.stringify(u)]));
  const usersAfter = new Map(after.entra.users.map((u) => [u.id.toLowerCase(), JSON.stringify(u)]));
  const users = new Set<string>();
  for (const [id, json] of usersAfter) if (usersBefore.get(id) !== json) users.add(id);
  for (const id of usersBefore.keys()) if (!usersAfter.has(id)) users.add(id);
  const membersBefore = new Map(
    before.entra.groups.map((g) => [g.id.toLowerCase(), new Set(g.members.map((m) => m.toLowerCase()))]),
  );
  const groups = new Set<string>();
  const memberships: EntraChange['memberships'] = [];
  for (const group of after.entra.groups) {
    const id = group.id.toLowerCase();
    const was = membersBefore.get(id) ?? new Set<string>();
    const now = new Set(group.members.map((m) => m.toLowerCase()));
    for (const m of now) if (!was.has(m)) memberships.push({ groupId: id, userId: m });
    for (const m of was) if (!now.has(m)) memberships.push({ groupId: id, userId: m });
  }
  for (const { groupId } of memberships) groups.add(groupId);
  return { users, groups, memberRefs: memberships.length, memberships };
}

/**
 * The fewest Graph requests an incremental run can make: one page of users/delta and one of
 * groups/delta on the stored deltaLinks (more pages only when the changes fill more than a page of
 * the server's delta page size), then, because members@delta is direct membership only, every page
 * of the transitive members of each chosen group whose tree (the group or any group nested under
 * it) had a membership change. A run with nothing changed costs 2.
 */
export function graphIncrementalBound(change: EntraChange, after: Expected): number {
  const usersPages = pages(change.users.size, USERS_PER_DELTA_PAGE);
  const groupsPages = Math.max(
    pages(change.groups.size, GROUPS_PER_DELTA_PAGE),
    pages(change.memberRefs, MEMBERS_PER_DELTA_PAGE),
  );
  let reread = 0;
  for (const [root, tree] of after.trees) {
    if ([...tree].some((g) => change.groups.has(g))) reread += pages(after.transitiveItems.get(root) ?? 0, GRAPH_PAGE);
  }
  return usersPages + groupsPages + reread;
}

/**
 * The fewest Jira reads an incremental run can make. A changed user is one in scope before or
 * after the change (in a chosen group's tree) who was added, deleted or changed in Entra, or whose
 * set of chosen groups (transitively) changed. Per changed user: one `user/groups` lookup of the
 * account's groups (when there is an account: the stored link, or one found now), plus one
 * `user/search` by email for each changed user without a stored link who could match (enabled, not
 * a guest); plus `group/bulk` to find the target groups that receive writes (50 names a page); plus
 * the write identity's health (`GET /user`, `GET /user/groups`) when the run writes and no check
 * of the last day is trusted. "Stored link"
 * is taken from the reference: the user was in scope before and matched exactly one account.
 */
export function incrementalJiraReadBound(
  change: EntraChange,
  after: Scenario,
  expectedBefore: Expected,
  expectedAfter: Expected,
  current: ReadonlyArray<{ name: string; members: readonly string[] }>,
  needed: NeededChanges,
  identityTrusted = false,
): { reads: number; changedUsers: number; userReads: number; parts: string } {
  const inTree = new Set<string>();
  for (const tree of [...expectedBefore.trees.values(), ...expectedAfter.trees.values()])
    for (const g of tree) inTree.add(g);
  const inScope = (id: string): boolean => expectedBefore.scopeUsers.has(id) || expectedAfter.scopeUsers.has(id);
  const changed = new Set<string>();
  for (const id of change.users) if (inScope(id)) changed.add(id);
  // A membership change counts only when it changes which chosen groups hold the user (at any depth).
  const roots = (e: Expected, id: string): string => (e.userRoots.get(id) ?? []).join(',');
  for (const { groupId, userId } of change.memberships)
    if (inTree.has(groupId) && inScope(userId) && roots(expectedBefore, userId) !== roots(expectedAfter, userId))
      changed.add(userId);
  const usersAfter = new Map(after.entra.users.map((u) => [u.id.toLowerCase(), u]));
  let searches = 0;
  let lookups = 0;
  for (const id of changed) {
    const linked = expectedBefore.scopeUsers.has(id) && expectedBefore.accountOf(id) !== undefined;
    const user = usersAfter.get(id);
    const canMatch = user !== undefined && user.accountEnabled && user.userType.toLowerCase() !== 'guest';
    if (!linked && canMatch) searches++;
    if (linked || (user && expectedAfter.accountOf(id) !== undefined)) lookups++;
  }
  const have = new Map(current.map((g) => [g.name.toLowerCase(), new Set(g.members)]));
  let targets = 0;
  for (const [name, wanted] of expectedAfter.desired) {
    const members = have.get(name.toLowerCase());
    if (!members || members.size !== wanted.size || [...wanted].some((a) => !members.has(a))) targets++;
  }
  const bulk = Math.ceil(targets / JIRA_GROUP_BULK_PAGE);
  const identity = identityReads(needed, identityTrusted);
  return {
    reads: lookups + searches + bulk + identity,
    changedUsers: changed.size,
    userReads: lookups + searches,
    parts: `${changed.size} changed users: ${lookups} user/groups + ${searches} user/search + ${bulk} group/bulk + ${identity} identity`,
  };
}

/**
 * The fewest Jira reads of a run whose drift repair reads every managed group (a whole cycle's
 * share): the changed users' reads (`userReads`), the target groups by name (group/bulk, 50 names
 * a page: the run must know every managed group to tell which are due), the write identity's
 * health when the run writes (unless trusted), every page of each managed group's members (50 a
 * page), and one `user/search` by email for each in-scope user with no account to link
 * (`unlinkedSearches`).
 */
export function driftRepairJiraReadBound(
  scenario: Scenario,
  expected: Expected,
  current: ReadonlyArray<{ name: string; members: readonly string[] }>,
  needed: NeededChanges,
  userReads: number,
  identityTrusted = false,
): number {
  return (
    userReads +
    Math.ceil(expected.desired.size / JIRA_GROUP_BULK_PAGE) +
    identityReads(needed, identityTrusted) +
    managedMemberPages(expected, current) +
    unlinkedSearches(scenario, expected)
  );
}

/**
 * In-scope users who could match (enabled, not guests, with an address) but have no account to
 * link. A cycle cannot skip them: an account may have appeared since the last cycle, and only a
 * search by email (or a read of every account, which costs far more points) can tell; drift
 * repair searches each once a cycle (state/searched-unfound.ts), so they are part of a cycle's cost.
 */
export function unlinkedSearches(scenario: Scenario, expected: Expected): number {
  let searches = 0;
  for (const user of scenario.entra.users) {
    const id = user.id.toLowerCase();
    if (!expected.scopeUsers.has(id) || !user.accountEnabled || user.userType.toLowerCase() === 'guest') continue;
    const address = [user.mail, user.userPrincipalName].some((a) => a && a.includes('@') && !a.includes('#EXT#'));
    if (address && expected.accountOf(id) === undefined) searches++;
  }
  return searches;
}

/** Every page of each existing managed group's members (50 a page; an empty group costs one). */
function managedMemberPages(
  expected: Expected,
  current: ReadonlyArray<{ name: string; members: readonly string[] }>,
): number {
  const existing = new Map(current.map((g) => [g.name.toLowerCase(), g.members.length]));
  let members = 0;
  for (const name of expected.desired.keys()) {
    const count = existing.get(name.toLowerCase());
    if (count !== undefined) members += pages(count, JIRA_MEMBERS_PAGE);
  }
  return members;
}

/**
 * The fewest Jira reads a full reconcile can make: every account (users/search, 1000 a page, a
 * short page ends the list), the target groups by name (group/bulk, 50 names a page) and the
 * protected groups (one group/bulk per access type), the write identity's health, hidden emails
 * (email/bulk, 100 a call), and every page of each existing managed group's members (50 a page).
 */
export function jiraReadBound(
  scenario: Scenario,
  expected: Expected,
  current: ReadonlyArray<{ name: string; members: readonly string[] }>,
  jiraAccounts: number,
): number {
  const hidden = scenario.jira.users.filter((u) => u.emailHidden && u.active && u.accountType === 'atlassian').length;
  const members = managedMemberPages(expected, current);
  return (
    Math.floor(jiraAccounts / JIRA_USERS_PAGE) +
    1 +
    Math.ceil(expected.desired.size / JIRA_GROUP_BULK_PAGE) +
    PROTECTED_ACCESS_TYPES +
    IDENTITY_CHECK_READS +
    Math.ceil(hidden / JIRA_EMAILS_PER_CALL) +
    members
  );
}

export function fullBounds(
  scenario: Scenario,
  expected: Expected,
  current: ReadonlyArray<{ name: string; members: readonly string[] }>,
  needed: NeededChanges,
  secretCheckDue: boolean,
): Bounds {
  return {
    graph: graphFullBound(scenario, expected, secretCheckDue),
    jiraReads: jiraReadBound(scenario, expected, current, scenario.jira.users.length),
    jiraWrites: needed.total,
  };
}

/** Lower-bound time: every request's latency, spread over `concurrency` requests in flight. */
export function boundTimeMs(
  graphCalls: number,
  jiraCalls: number,
  latency: { graphMs: number; jiraMs: number },
  concurrency: number,
): number {
  return (graphCalls * latency.graphMs + jiraCalls * latency.jiraMs) / concurrency;
}
