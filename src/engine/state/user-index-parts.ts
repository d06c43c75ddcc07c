import type { KeyValueStore } from '../../ports/key-value-store';
import { readAllChunks, writeChunks } from './chunked-list';
import { SOURCE_DATA_TTL_SECONDS, STORAGE_KEYS } from './keys';
import type { StoredUser } from './user-index';
import { UserIndexBuilder } from './user-index';
import { SHARDS, shardsOf } from './user-index-write';

/**
 * A full run's user index built across invocations: when an invocation ends (or its builder grows
 * large) the users it gathered are stored as a part, by shard; the index is then written shard by
 * shard from the parts taken in order, which gives the users exactly as one pass would.
 */
type StoredEntry = [id: string, state: StoredUser];

const prefix = (runId: string, part: number, shard: number) =>
  STORAGE_KEYS.runData(runId, `user-index-part-${part}-${shard}`);

/** Stores the builder's users as part `part`; returns each shard's chunk count. */
export async function savePart(
  kv: KeyValueStore,
  runId: string,
  part: number,
  builder: UserIndexBuilder,
): Promise<number[]> {
  const counts: number[] = [];
  for (const [shard, users] of shardsOf(builder.states).entries())
    counts.push(await writeChunks(kv, prefix(runId, part, shard), 0, [...users], SOURCE_DATA_TTL_SECONDS));
  return counts;
}

/** One shard's users, from every part in order. */
export async function readShard(
  kv: KeyValueStore,
  runId: string,
  parts: readonly number[][],
  shard: number,
): Promise<ReadonlyMap<string, StoredUser>> {
  if (shard >= SHARDS) throw new Error(`Shard ${shard} does not exist`);
  const builder = new UserIndexBuilder();
  for (const [part, counts] of parts.entries()) {
    const entries = await readAllChunks<StoredEntry>(kv, prefix(runId, part, shard), counts[shard] ?? 0);
    for (const [id, state] of entries) builder.take(id, state);
  }
  return builder.states;
}
