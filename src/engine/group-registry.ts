import type { KeyValueStore } from '../ports/key-value-store';
import { STORAGE_KEYS } from './storage-keys';

/** Jira groups the app owns: created by it, or adopted through an explicit mapping. Keyed by groupId. */
export type GroupRegistry = Record<string, { name: string; entraGroupId: string; since: number; createdByApp: boolean }>;

export async function loadRegistry(kv: KeyValueStore): Promise<GroupRegistry> {
  return (await kv.get<GroupRegistry>(STORAGE_KEYS.groupRegistry)) ?? {};
}

export async function registerGroup(kv: KeyValueStore, groupId: string, entry: GroupRegistry[string]): Promise<void> {
  const registry = await loadRegistry(kv);
  if (registry[groupId]?.name === entry.name) return;
  registry[groupId] = entry;
  await kv.set(STORAGE_KEYS.groupRegistry, registry);
}

/** Entra group ID → the name of the Jira group the app created for it: a renamed Entra group keeps its Jira group. */
export function ownedNames(registry: GroupRegistry): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of Object.values(registry)) if (entry.createdByApp && entry.entraGroupId) names.set(entry.entraGroupId.toLowerCase(), entry.name);
  return names;
}
