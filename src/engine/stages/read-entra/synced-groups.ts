import type { Settings } from '../../../settings/schema';

/** The Entra groups a run reads: the chosen scope groups and every explicitly mapped group, once each. */
export function syncedGroupIds(settings: Settings): string[] {
  const ids = [...settings.scope.groupIds, ...settings.groups.mapping.map((m) => m.entraGroupId)].map((id) =>
    id.toLowerCase(),
  );
  return [...new Set(ids)];
}
