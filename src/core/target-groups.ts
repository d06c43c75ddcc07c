import type { TargetState } from '../shared/resolver-contract';
import { groupNameKey, normaliseGroupName } from './group-name';
import { wellKnownAccess } from './protected-names';
import type { EntraGroup } from './model';

export interface GroupMappingRules {
  mapping: ReadonlyArray<{ readonly entraGroupId: string; readonly jiraGroup: string }>;
  namePrefix: string;
  createMissing: boolean;
  /** Manage explicitly mapped groups that grant product access (never site-admin or admin groups). */
  allowProductAccessGroups?: boolean;
}

export interface ExistingJiraGroup {
  name: string;
  groupId: string;
  protected: boolean;
  /** What the group grants; product-access groups may be managed when the admin allows it. */
  access?: 'site-admin' | 'admin' | 'product' | null;
}

/**
 * What the app may do with the Jira group an Entra group maps to:
 * - `managed`: exists and the app owns it (created by the app, or mapped explicitly by the admin);
 * - `create`: missing and the app will create it;
 * - `missing`: missing and group creation is off;
 * - `conflict`: a Jira group of that name exists but the app does not own it (map it explicitly to adopt it);
 * - `protected`: a default access, site-admin or admin group; never changed;
 * - `invalid`: the derived name is blank, or collides with another chosen group's Jira group
 *   (Jira compares names case-insensitively); never changed, and `problem` says why.
 */
export type { TargetState };

export interface GroupTarget {
  entraGroupId: string;
  entraGroupName: string;
  jiraGroup: string;
  groupId: string | null;
  state: TargetState;
  explicit: boolean;
  /** For `invalid` targets: what is wrong with the name. */
  problem?: string;
}

/**
 * The Jira group name for an Entra group: the explicit mapping; else the group the app already
 * created for this Entra group (the mapping follows the Entra ID, so a renamed Entra group keeps
 * its Jira group and its permission-scheme references); else prefix + Entra display name.
 */
export function targetNameFor(
  group: EntraGroup,
  rules: GroupMappingRules,
  ownedByEntraId: ReadonlyMap<string, string> = new Map(),
): { name: string; explicit: boolean; owned: boolean; problem?: string } {
  const explicit = rules.mapping.find((m) => m.entraGroupId.toLowerCase() === group.id.toLowerCase());
  if (explicit) return { name: explicit.jiraGroup, explicit: true, owned: false };
  const owned = ownedByEntraId.get(group.id.toLowerCase());
  if (owned) return { name: owned, explicit: false, owned: true };
  const derived = normaliseGroupName(`${rules.namePrefix}${group.displayName}`);
  return derived.ok
    ? { name: derived.name, explicit: false, owned: false }
    : { name: derived.name, explicit: false, owned: false, problem: derived.problem };
}

/**
 * Resolves every synced Entra group to its Jira target. Jira group names are case-insensitive,
 * so lookups are too. `managedGroupIds` is the registry of groups the app created or adopted.
 */
export function resolveTargets(
  groups: EntraGroup[],
  rules: GroupMappingRules,
  existing: ExistingJiraGroup[],
  managedGroupIds: ReadonlySet<string>,
  ownedByEntraId: ReadonlyMap<string, string> = new Map(),
): GroupTarget[] {
  const byName = new Map(existing.map((g) => [groupNameKey(g.name), g]));
  const named = groups.map((group) => ({ group, ...targetNameFor(group, rules, ownedByEntraId) }));
  const collisions = derivedCollisions(named);
  const targets = named.map(({ group, name, explicit, problem }): GroupTarget => {
    const found = byName.get(groupNameKey(name));
    const base = {
      entraGroupId: group.id,
      entraGroupName: group.displayName,
      jiraGroup: found?.name ?? name,
      explicit,
    };
    const trouble = problem ?? collisions.get(group.id);
    if (trouble) return { ...base, groupId: null, state: 'invalid', problem: trouble };
    if (!found)
      return {
        ...base,
        groupId: null,
        state: wellKnownAccess(name) ? 'protected' : rules.createMissing ? 'create' : 'missing',
      };
    const productAllowed = rules.allowProductAccessGroups === true && explicit && found.access === 'product';
    if (found.protected && !productAllowed) return { ...base, groupId: found.groupId, state: 'protected' };
    const owned = explicit || managedGroupIds.has(found.groupId);
    return { ...base, groupId: found.groupId, state: owned ? 'managed' : 'conflict' };
  });
  return targets.sort((a, b) => a.jiraGroup.localeCompare(b.jiraGroup) || a.entraGroupId.localeCompare(b.entraGroupId));
}

/**
 * A derived name (neither mapped explicitly nor already owned) that another chosen group's Jira
 * group also has, compared as Jira does (case-insensitively), would silently merge two Entra
 * groups into one Jira group: such derived targets are refused with the reason. An explicit
 * mapping or an owned group keeps its name; several explicit mappings to one group are intended.
 */
function derivedCollisions(
  named: ReadonlyArray<{ group: EntraGroup; name: string; explicit: boolean; owned: boolean; problem?: string }>,
): Map<string, string> {
  const byKey = new Map<string, (typeof named)[number][]>();
  for (const entry of named)
    if (!entry.problem) byKey.set(groupNameKey(entry.name), [...(byKey.get(groupNameKey(entry.name)) ?? []), entry]);
  const problems = new Map<string, string>();
  for (const sharing of byKey.values()) {
    if (sharing.length < 2) continue;
    for (const entry of sharing.filter((e) => !e.explicit && !e.owned)) {
      const others = sharing
        .filter((e) => e !== entry)
        .map((e) => `"${e.group.displayName}"`)
        .join(', ');
      problems.set(
        entry.group.id,
        `The Jira group name "${entry.name}" derived from Entra group "${entry.group.displayName}" is also the Jira group of ${others} (Jira group names ignore case); map the groups explicitly to keep them apart.`,
      );
    }
  }
  return problems;
}

/** Targets whose memberships the app changes. */
export function isWritable(target: GroupTarget): boolean {
  return target.state === 'managed' || target.state === 'create';
}
