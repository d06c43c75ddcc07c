import type { Scenario, ScenarioEntraGroup, ScenarioEntraUser } from '../dev/scenario/scenario';

/**
 * An independent, deliberately simple statement of what Jira should look like after a sync: for
 * each synced (root) Entra group, its Jira group holds the accounts of its transitive members who
 * are enabled, not guests, have a usable address (mail, else UPN) and exactly one active Atlassian
 * account with that email. It shares no code with the app's planner.
 */
export interface Expected {
  /** Jira group name → wanted accountIds. */
  desired: Map<string, Set<string>>;
  /** Root Entra group id → its transitive members as Graph lists them (users and nested groups). */
  transitiveItems: Map<string, number>;
  /** Root Entra group id → the ids (lower case) of the root and every group nested under it. */
  trees: Map<string, Set<string>>;
  /** Entra user ids (lower case) in any synced group's tree: the users in scope. */
  scopeUsers: Set<string>;
  /** Entra user id (lower case) → the synced root groups whose tree holds the user, in settings order. */
  userRoots: Map<string, string[]>;
  /** The one active Atlassian account an Entra user matches, if any (undefined for users not in Entra). */
  accountOf(entraId: string): string | undefined;
}

export interface NeededChanges {
  creates: number;
  adds: number;
  removes: number;
  total: number;
}

export function expectedState(scenario: Scenario): Expected {
  const users = new Map(scenario.entra.users.map((u) => [u.id.toLowerCase(), u]));
  const groups = new Map(scenario.entra.groups.map((g) => [g.id.toLowerCase(), g]));
  const accounts = new Map<string, string[]>();
  for (const account of scenario.jira.users) {
    if (!account.active || account.accountType !== 'atlassian') continue;
    const email = account.emailAddress.toLowerCase();
    accounts.set(email, [...(accounts.get(email) ?? []), account.accountId]);
  }
  const accountOf = (user: ScenarioEntraUser): string | undefined => {
    if (!user.accountEnabled || user.userType.toLowerCase() === 'guest') return undefined;
    const address = [user.mail, user.userPrincipalName].find((a) => a && a.includes('@') && !a.includes('#EXT#'));
    const found = address ? accounts.get(address.toLowerCase()) : undefined;
    return found?.length === 1 ? found[0] : undefined;
  };
  const desired = new Map<string, Set<string>>();
  const transitiveItems = new Map<string, number>();
  const trees = new Map<string, Set<string>>();
  const scopeUsers = new Set<string>();
  const userRoots = new Map<string, string[]>();
  for (const rootId of scenario.settings.scope.groupIds ?? []) {
    const root = groups.get(rootId.toLowerCase());
    if (!root) continue;
    const { memberUsers, items, tree } = flatten(root, users, groups);
    transitiveItems.set(rootId, items);
    trees.set(rootId, tree);
    for (const user of memberUsers) {
      const id = user.id.toLowerCase();
      scopeUsers.add(id);
      userRoots.set(id, [...(userRoots.get(id) ?? []), rootId]);
    }
    const name = `${scenario.settings.groups?.namePrefix ?? ''}${root.displayName}`.trim();
    const wanted = desired.get(name) ?? new Set<string>();
    for (const user of memberUsers) {
      const accountId = accountOf(user);
      if (accountId) wanted.add(accountId);
    }
    desired.set(name, wanted);
  }
  return {
    desired,
    transitiveItems,
    trees,
    scopeUsers,
    userRoots,
    accountOf: (entraId) => {
      const user = users.get(entraId.toLowerCase());
      return user ? accountOf(user) : undefined;
    },
  };
}

function flatten(
  root: ScenarioEntraGroup,
  users: Map<string, ScenarioEntraUser>,
  groups: Map<string, ScenarioEntraGroup>,
): { memberUsers: ScenarioEntraUser[]; items: number; tree: Set<string> } {
  const seen = new Set<string>([root.id.toLowerCase()]);
  const tree = new Set<string>([root.id.toLowerCase()]);
  const memberUsers: ScenarioEntraUser[] = [];
  let items = 0;
  const queue = [root];
  while (queue.length > 0) {
    const group = queue.pop() as ScenarioEntraGroup;
    for (const raw of group.members) {
      const id = raw.toLowerCase();
      if (seen.has(id)) continue;
      const user = users.get(id);
      const nested = groups.get(id);
      if (!user && !nested) continue;
      seen.add(id);
      items++;
      if (user) memberUsers.push(user);
      if (nested) {
        tree.add(id);
        queue.push(nested);
      }
    }
  }
  return { memberUsers, items, tree };
}

/** Changes that take Jira from `current` (name → members) to the expected state. */
export function neededChanges(
  expected: Expected,
  current: ReadonlyArray<{ name: string; members: readonly string[] }>,
): NeededChanges {
  const byName = new Map(current.map((g) => [g.name.toLowerCase(), new Set(g.members)]));
  let creates = 0;
  let adds = 0;
  let removes = 0;
  for (const [name, wanted] of expected.desired) {
    const have = byName.get(name.toLowerCase());
    if (!have) creates++;
    for (const id of wanted) if (!have?.has(id)) adds++;
    for (const id of have ?? []) if (!wanted.has(id)) removes++;
  }
  return { creates, adds, removes, total: creates + adds + removes };
}

/**
 * Every difference between Jira (`current`) and the expected state, described for a reader: which
 * group, which account, and the Entra user(s) whose address that account carries.
 */
export function residualChanges(
  expected: Expected,
  current: ReadonlyArray<{ name: string; members: readonly string[] }>,
  scenario: Scenario,
  accounts: ReadonlyArray<{ accountId: string; emailAddress: string }>,
): string[] {
  const byName = new Map(current.map((g) => [g.name.toLowerCase(), new Set(g.members)]));
  const emailOf = new Map(accounts.map((a) => [a.accountId, a.emailAddress.toLowerCase()]));
  const entraOf = new Map<string, ScenarioEntraUser>();
  for (const user of scenario.entra.users)
    for (const address of [user.mail, user.userPrincipalName]) if (address) entraOf.set(address.toLowerCase(), user);
  const who = (accountId: string): string => {
    const email = emailOf.get(accountId) ?? '?';
    const user = entraOf.get(email);
    const state = user
      ? `Entra ${user.id}${user.accountEnabled ? '' : ' disabled'}${user.userType === 'Guest' ? ' guest' : ''}`
      : 'not in Entra';
    return `${accountId} <${email}> (${state})`;
  };
  const out: string[] = [];
  for (const [name, wanted] of expected.desired) {
    const have = byName.get(name.toLowerCase());
    if (!have) {
      out.push(`group ${name} missing`);
      continue;
    }
    for (const id of wanted) if (!have.has(id)) out.push(`${name}: missing ${who(id)}`);
    for (const id of have) if (!wanted.has(id)) out.push(`${name}: extra ${who(id)}`);
  }
  return out;
}
