import type { TargetState } from '../shared/resolver-contract';
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
 * - `protected`: a default access, site-admin or admin group; never changed.
 */
export type { TargetState };

export interface GroupTarget {
  entraGroupId: string;
  entraGroupName: string;
  jiraGroup: string;
  groupId: string | null;
  state: TargetState;
  explicit: boolean;
}

/**
 * The Jira group name for an Entra group: the explicit mapping; else the group the app already
 * created for this Entra group (the mapping follows the Entra ID, so a renamed Entra group keeps
 * its Jira group and its permission-scheme references); else prefix + Entra display name.
 */
export function targetNameFor(group: EntraGroup, rules: GroupMappingRules, ownedByEntraId: ReadonlyMap<string, string> = new Map()): { name: string; explicit: boolean } {
  const explicit = rules.mapping.find((m) => m.entraGroupId.toLowerCase() === group.id.toLowerCase());
  if (explicit) return { name: explicit.jiraGroup, explicit: true };
  const owned = ownedByEntraId.get(group.id.toLowerCase());
  if (owned) return { name: owned, explicit: false };
  return { name: `${rules.namePrefix}${group.displayName}`.trim(), explicit: false };
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
  const byName = new Map(existing.map((g) => [g.name.toLowerCase(), g]));
  const targets = groups.map((group): GroupTarget => {
    const { name, explicit } = targetNameFor(group, rules, ownedByEntraId);
    const found = byName.get(name.toLowerCase());
    const base = { entraGroupId: group.id, entraGroupName: group.displayName, jiraGroup: found?.name ?? name, explicit };
    if (!found) return { ...base, groupId: null, state: rules.createMissing ? 'create' : 'missing' };
    const productAllowed = rules.allowProductAccessGroups === true && explicit && found.access === 'product';
    if (found.protected && !productAllowed) return { ...base, groupId: found.groupId, state: 'protected' };
    const owned = explicit || managedGroupIds.has(found.groupId);
    return { ...base, groupId: found.groupId, state: owned ? 'managed' : 'conflict' };
  });
  return targets.sort((a, b) => a.jiraGroup.localeCompare(b.jiraGroup) || a.entraGroupId.localeCompare(b.entraGroupId));
}

/** Targets whose memberships the app changes. */
export function isWritable(target: GroupTarget): boolean {
  return target.state === 'managed' || target.state === 'create';
}
