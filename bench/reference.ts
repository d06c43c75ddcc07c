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
  for (const rootId of scenario.settings.scope.groupIds ?? []) {
    const root = groups.get(rootId.toLowerCase());
    if (!root) continue;
    const { memberUsers, items } = flatten(root, users, groups);
    transitiveItems.set(rootId, items);
    const name = `${scenario.settings.groups?.namePrefix ?? ''}${root.displayName}`.trim();
    const wanted = desired.get(name) ?? new Set<string>();
    for (const user of memberUsers) {
      const accountId = accountOf(user);
      if (accountId) wanted.add(accountId);
    }
    desired.set(name, wanted);
  }
  return { desired, transitiveItems };
}

function flatten(root: ScenarioEntraGroup, users: Map<string, ScenarioEntraUser>, groups: Map<string, ScenarioEntraGroup>): { memberUsers: ScenarioEntraUser[]; items: number } {
  const seen = new Set<string>([root.id.toLowerCase()]);
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
      if (nested) queue.push(nested);
    }
  }
  return { memberUsers, items };
}

/** Changes that take Jira from `current` (name → members) to the expected state. */
export function neededChanges(expected: Expected, current: ReadonlyArray<{ name: string; members: readonly string[] }>): NeededChanges {
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
