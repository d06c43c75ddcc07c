import type { StepContext } from '../../run/context';
import { readShard } from '../../state/user-index-parts';
import type { Shards } from '../../state/user-index-write';
import {
  bucketCount,
  entriesBytes,
  groupCount,
  SHARDS,
  shardsOf,
  shardsOfGroup,
  writeBucketGroup,
} from '../../state/user-index-write';
import type { FinishWork } from './finish-work';
import { storePart } from './finish-work';

/**
 * Once a full run's users are gathered: held in memory (the scan fit one invocation) the index
 * is sized at once; gathered across invocations they are stored as parts, sized shard by shard.
 */
export async function startIndex(ctx: StepContext, work: FinishWork): Promise<void> {
  const { cursor } = work;
  if (cursor.parts.length > 0) {
    await storePart(ctx, work);
    Object.assign(cursor, { task: 'sizes', next: 0, bytes: 0 });
    return;
  }
  const states = work.builder!.states;
  work.shards = shardsOf(states);
  Object.assign(cursor, { task: 'index', next: 0, buckets: bucketCount(entriesBytes(states, ctx.run.summary.id)) });
}

/** One shard's users, read from the stored parts, counted towards the index's size. */
export async function sizeShard(ctx: StepContext, work: FinishWork): Promise<void> {
  const { cursor } = work;
  const runId = ctx.run.summary.id;
  const shard = cursor.next;
  cursor.bytes += entriesBytes(await readShard(ctx.deps.kv, runId, cursor.parts, shard), runId);
  cursor.next = shard + 1;
  if (cursor.next === SHARDS) Object.assign(cursor, { task: 'index', next: 0, buckets: bucketCount(cursor.bytes) });
}

/** One group of buckets written (from memory or the parts); a bucket too large retires the index (buckets 0). */
export async function writeGroup(ctx: StepContext, work: FinishWork): Promise<void> {
  const { cursor } = work;
  const { kv } = ctx.deps;
  const runId = ctx.run.summary.id;
  const buckets = cursor.buckets!;
  const group = cursor.next;
  const shards: Map<number, Shards[number]> = new Map();
  for (const shard of shardsOfGroup(buckets, group))
    shards.set(shard, work.shards?.[shard] ?? (await readShard(kv, runId, cursor.parts, shard)));
  const written = await writeBucketGroup(kv, runId, buckets, group, (shard) => shards.get(shard)!);
  if (!written) cursor.buckets = 0;
  cursor.next = written ? group + 1 : groupCount(buckets);
}
