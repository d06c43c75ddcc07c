import type { KeyValueStore } from '../../ports/key-value-store';
import type { InvocationCache } from '../run/invocation-cache';
import { STORAGE_KEYS } from './keys';

/** Jira groups the app owns: created by it, or adopted through an explicit mapping. Keyed by groupId. */
export type GroupRegistry = Record<
  string,
  { name: string; entraGroupId: string; since: number; createdByApp: boolean }
>;

export async function loadRegistry(kv: KeyValueStore): Promise<GroupRegistry> {
  return (await kv.get<GroupRegistry>(STORAGE_KEYS.groupRegistry)) ?? {};
}

/** The invocation's index of the registry's group IDs by lower-case name, as it last saw them. */
const NAMES_KEY = `${STORAGE_KEYS.groupRegistry}#names`;

function nameIndex(registry: GroupRegistry): Map<string, string> {
  return new Map(Object.entries(registry).map(([groupId, entry]) => [entry.name.toLowerCase(), groupId]));
}

/**
 * The ID of the owned group with this name. The registry is read once per invocation and kept
 * current by that invocation's own registrations, not once per membership add.
 */
export async function ownedGroupIdByName(
  cache: InvocationCache,
  kv: KeyValueStore,
  name: string,
): Promise<string | undefined> {
  const wanted = name.toLowerCase();
  let loaded = false;
  const load = () => {
    loaded = true;
    return loadRegistry(kv).then(nameIndex);
  };
  const seen = await cache.read(NAMES_KEY, load);
  if (seen.has(wanted) || loaded) return seen.get(wanted);
  // Seen earlier in this invocation without it (another invocation may have registered it since): read again, once.
  return (await cache.reload(NAMES_KEY, load)).get(wanted);
}

/**
 * Records a group the app created. It reads the stored registry afresh before writing (another
 * invocation may have registered groups since), and refreshes this invocation's name index.
 */
export async function registerGroup(
  kv: KeyValueStore,
  groupId: string,
  entry: GroupRegistry[string],
  cache?: InvocationCache,
): Promise<void> {
  const registry = await loadRegistry(kv);
  if (registry[groupId]?.name !== entry.name) {
    registry[groupId] = entry;
    await kv.set(STORAGE_KEYS.groupRegistry, registry);
  }
  cache?.write(NAMES_KEY, nameIndex(registry));
}

/** Entra group ID → the name of the Jira group the app created for it: a renamed Entra group keeps its Jira group. */
export function ownedNames(registry: GroupRegistry): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of Object.values(registry))
    if (entry.createdByApp && entry.entraGroupId) names.set(entry.entraGroupId.toLowerCase(), entry.name);
  return names;
}
