import type { KeyValueStore } from '../../ports/key-value-store';
import { bucketOf } from './links';
import { SNAPSHOT_DATA_TTL_SECONDS, STORAGE_KEYS } from './keys';
import type { EntraUser } from '../../core/model';

/**
 * How a full run's user index is written in bounded pieces: its users fall in SHARDS hashed shards
 * (the low bits of the bucket hash, so each shard's users fill whole buckets once there are at
 * least SHARDS buckets), and the buckets are written one group at a time, each group from the
 * users of its shards. The same users give the same buckets byte for byte, whether they were
 * held in memory or read back from stored parts (user-index-parts.ts).
 */
export const SHARDS = 16;

/** A user as the index keeps them (user-index.ts). */
export interface StoredUser {
  user: EntraUser;
  /** Chosen groups (IDs) holding the user, at any depth. */
  roots: string[];
}

/** Small values (one KVS unit of 10 KB on average); far under KVS's 240 KiB limit even as entries gain an older version. */
export const TARGET_BUCKET_BYTES = 8_000;
/** A bucket an incremental run would grow past this retires the index until the next full run (never expected). */
export const MAX_BUCKET_BYTES = 200_000;

export const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

export const shardOf = (id: string) => bucketOf(id, SHARDS);

/** Users by shard, each shard in the order the users were first seen. */
export type Shards = ReadonlyArray<ReadonlyMap<string, StoredUser>>;

/** A user's entry as a full run writes it. */
export function entryOf(state: StoredUser, runId: string) {
  return { now: { ...state, at: runId } };
}

/** The bytes these users add to the index (the whole index's sum sizes its buckets). */
export function entriesBytes(states: ReadonlyMap<string, StoredUser>, runId: string): number {
  let total = 0;
  for (const [id, state] of states) total += bytesOf({ [id]: entryOf(state, runId) });
  return total;
}

/** Buckets for an index of `total` bytes: a power of two, about TARGET_BUCKET_BYTES each. */
export function bucketCount(total: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, (2 + total) / TARGET_BUCKET_BYTES)));
}

/** The groups buckets are written in, one per shard (or one per bucket, when there are fewer buckets than shards). */
export function groupCount(buckets: number): number {
  return Math.min(buckets, SHARDS);
}

/** The shards whose users fill the buckets of group `group`. */
export function shardsOfGroup(buckets: number, group: number): number[] {
  if (buckets >= SHARDS) return [group];
  return Array.from({ length: SHARDS }, (_, s) => s).filter((s) => (s & (buckets - 1)) === group);
}

/**
 * Writes every bucket of group `group` (empty ones too) from its shards' users. Returns false,
 * writing nothing, when a bucket would be over half the growth limit (a user in thousands of chosen
 * groups): the snapshot then keeps no index and incremental runs read the whole state instead.
 */
export async function writeBucketGroup(
  kv: KeyValueStore,
  runId: string,
  buckets: number,
  group: number,
  shardUsers: (shard: number) => ReadonlyMap<string, StoredUser>,
): Promise<boolean> {
  const numbers = buckets >= SHARDS ? Array.from({ length: buckets / SHARDS }, (_, i) => group + i * SHARDS) : [group];
  const split = new Map(numbers.map((b) => [b, {} as Record<string, ReturnType<typeof entryOf>>]));
  for (const shard of shardsOfGroup(buckets, group))
    for (const [id, state] of shardUsers(shard)) split.get(bucketOf(id, buckets))![id] = entryOf(state, runId);
  if ([...split.values()].some((bucket) => bytesOf(bucket) > MAX_BUCKET_BYTES / 2)) return false;
  for (const [bucket, entries] of split)
    await kv.set(STORAGE_KEYS.snapshotUserIndex(runId, bucket), entries, { ttlSeconds: SNAPSHOT_DATA_TTL_SECONDS });
  return true;
}

/** Users held in memory, by shard. */
export function shardsOf(states: ReadonlyMap<string, StoredUser>): Shards {
  const shards = Array.from({ length: SHARDS }, () => new Map<string, StoredUser>());
  for (const [id, state] of states) shards[shardOf(id)]!.set(id, state);
  return shards;
}
