import { SyncError } from '../../core/errors';
import type { KeyValueStore } from '../../ports/key-value-store';

/** KVS caps a value at 240 KiB; chunks stay well under it after JSON encoding. */
export const MAX_CHUNK_BYTES = 180_000;

/** Splits items into chunks whose JSON stays under MAX_CHUNK_BYTES. */
export function splitIntoChunks<T>(items: readonly T[], maxBytes = MAX_CHUNK_BYTES): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 2;
  for (const item of items) {
    const itemSize = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (current.length > 0 && size + itemSize > maxBytes) {
      chunks.push(current);
      current = [];
      size = 2;
    }
    current.push(item);
    size += itemSize;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function chunkKey(prefix: string, seq: number): string {
  return `${prefix}${seq.toString().padStart(6, '0')}`;
}

/**
 * Writes items as numbered chunks starting at `firstSeq`; returns the next free sequence number.
 * Writing the same items at the same sequence again (a retried step) overwrites, never duplicates.
 */
export async function writeChunks<T>(
  kv: KeyValueStore,
  prefix: string,
  firstSeq: number,
  items: readonly T[],
  ttlSeconds?: number,
): Promise<number> {
  let seq = firstSeq;
  for (const chunk of splitIntoChunks(items)) {
    await kv.set(chunkKey(prefix, seq), chunk, ttlSeconds === undefined ? undefined : { ttlSeconds });
    seq++;
  }
  return seq;
}

export async function readChunk<T>(kv: KeyValueStore, prefix: string, seq: number): Promise<T[] | undefined> {
  return kv.get<T[]>(chunkKey(prefix, seq));
}

export async function overwriteChunk<T>(
  kv: KeyValueStore,
  prefix: string,
  seq: number,
  items: readonly T[],
  ttlSeconds?: number,
): Promise<void> {
  await kv.set(chunkKey(prefix, seq), items, ttlSeconds === undefined ? undefined : { ttlSeconds });
}

/** A chunk of stored run data that is not there (expired or never written): never read as an empty list. */
export class MissingRunData extends Error {}

/**
 * Stored state a run continues from has expired: the run starts over as a full read. Only a missing
 * chunk means that; a storage failure or throttle is thrown as it is (waited out or retried, never a full run).
 */
export function stateGone(error: unknown): unknown {
  if (!(error instanceof MissingRunData)) return error;
  return new SyncError('delta-expired', 'Part of the stored sync state has expired; a full read is needed.', {
    cause: error,
  });
}

/** What a reader makes of each chunk as it is read (the plan lays apply's results over it). */
export type ChunkRead<T> = (chunk: T[], seq: number) => Promise<T[]>;

/** Reads chunks 0..count-1 in order; a missing chunk is an error, never an empty list. */
export async function readAllChunks<T>(
  kv: KeyValueStore,
  prefix: string,
  count: number,
  onRead?: ChunkRead<T>,
): Promise<T[]> {
  const items: T[] = [];
  await forEachChunk<T>(kv, prefix, count, (chunk) => void items.push(...chunk), onRead);
  return items;
}

/** Visits chunks 0..count-1 one at a time, so a large list is never all in memory at once. */
export async function forEachChunk<T>(
  kv: KeyValueStore,
  prefix: string,
  count: number,
  visit: (items: T[]) => void | Promise<void>,
  onRead?: ChunkRead<T>,
): Promise<void> {
  for (let seq = 0; seq < count; seq++) {
    const chunk = await readChunk<T>(kv, prefix, seq);
    if (chunk === undefined) throw new MissingRunData(`Run data ${prefix}${seq} is missing`);
    await visit(onRead ? await onRead(chunk, seq) : chunk);
  }
}
