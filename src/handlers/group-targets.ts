import type { GroupMappingRules } from '../core/target-groups';
import { resolveTargets, targetNameFor } from '../core/target-groups';
import { loadRegistry, ownedNames } from '../engine';
import type { KeyValueStore } from '../ports/key-value-store';
import type { JiraDirectory } from '../ports/jira-directory';
import type { GroupTargetView } from '../shared/resolver-contract';

/**
 * The Jira group each chosen Entra group syncs into under the page's (possibly unsaved) rules, and
 * its state, decided by the same `resolveTargets` a run uses with the app's registry of the groups
 * it created or adopted: the app's own groups read as managed, never as a conflict.
 */
export async function groupTargets(
  kv: KeyValueStore,
  jira: Pick<JiraDirectory, 'groupsByName'>,
  groups: Array<{ id: string; name: string }>,
  rules: GroupMappingRules,
): Promise<GroupTargetView[]> {
  if (groups.length === 0) return [];
  const registry = await loadRegistry(kv);
  const owned = ownedNames(registry);
  const entraGroups = groups.map((g) => ({ id: g.id, displayName: g.name }));
  const names = [...new Set(entraGroups.map((g) => targetNameFor(g, rules, owned).name))];
  const existing = await jira.groupsByName(names);
  const createdByApp = new Set(
    Object.entries(registry)
      .filter(([, e]) => e.createdByApp)
      .map(([id]) => id),
  );
  return resolveTargets(entraGroups, rules, existing, new Set(Object.keys(registry)), owned).map((t) => ({
    entraGroupId: t.entraGroupId,
    jiraGroup: t.jiraGroup,
    state: t.state,
    explicit: t.explicit,
    createdByApp: t.groupId !== null && createdByApp.has(t.groupId),
  }));
}
