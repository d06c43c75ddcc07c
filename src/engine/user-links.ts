import type { KeyValueStore } from '../ports/key-value-store';
import { STORAGE_KEYS } from './storage-keys';

/**
 * The stored anchor Entra object ID → accountId, reused across runs so an email change on either
 * side does not unlink a user. Spread over buckets so each KVS value stays small at 100k users.
 */
export const LINK_BUCKETS = 32;

export function bucketOf(entraId: string): number {
  let hash = 0;
  for (let i = 0; i < entraId.length; i++) hash = (hash * 31 + entraId.charCodeAt(i)) >>> 0;
  return hash % LINK_BUCKETS;
}

export async function loadLinks(kv: KeyValueStore): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  for (let bucket = 0; bucket < LINK_BUCKETS; bucket++) {
    const entries = (await kv.get<Record<string, string>>(STORAGE_KEYS.userLinks(bucket))) ?? {};
    for (const [entraId, accountId] of Object.entries(entries)) links.set(entraId, accountId);
  }
  return links;
}

/** Stores new or changed links, writing only the buckets that changed. */
export async function saveLinks(kv: KeyValueStore, previous: ReadonlyMap<string, string>, updates: ReadonlyMap<string, string>): Promise<void> {
  const changedBuckets = new Set<number>();
  for (const [entraId, accountId] of updates) if (previous.get(entraId) !== accountId) changedBuckets.add(bucketOf(entraId));
  for (const bucket of changedBuckets) {
    const entries: Record<string, string> = {};
    for (const [entraId, accountId] of previous) if (bucketOf(entraId) === bucket) entries[entraId] = accountId;
    for (const [entraId, accountId] of updates) if (bucketOf(entraId) === bucket) entries[entraId] = accountId;
    await kv.set(STORAGE_KEYS.userLinks(bucket), entries);
  }
}
