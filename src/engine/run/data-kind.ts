import type { KeyValueStore } from '../../ports/key-value-store';
import type { ChunkRead } from '../state/chunked-list';
import { forEachChunk, overwriteChunk, readAllChunks, readChunk, writeChunks } from '../state/chunked-list';
import { RUN_DATA_TTL_SECONDS, SNAPSHOT_DATA_TTL_SECONDS, SOURCE_DATA_TTL_SECONDS, STORAGE_KEYS } from '../state/keys';

/**
 * How long a kind of run data lives: `record` as long as the run's history (plan, per-user
 * outcomes), `snapshot` as long as incremental runs may continue from it, `source` only while the
 * run reads it.
 */
export type DataLife = 'record' | 'snapshot' | 'source';

const TTL_SECONDS: Record<DataLife, number> = {
  record: RUN_DATA_TTL_SECONDS,
  snapshot: SNAPSHOT_DATA_TTL_SECONDS,
  source: SOURCE_DATA_TTL_SECONDS,
};

/** Chunks written so far of each kind of run data, by the kind's name (absent: never written). */
export type DataCounts<Name extends string = string> = { [K in Name]?: number };

/** What run data is read and written through: the store and the run whose cursor counts the chunks. */
export interface DataOwner {
  deps: { kv: KeyValueStore };
  run: { summary: { id: string }; cursor: { chunks: DataCounts } };
}

/**
 * One kind of run data: a list of `T` a stage stores for later ones, in numbered chunks of KVS
 * values under `rundata:v1:<run>:<name>:`. Declared once in RUN_DATA; the item type travels with
 * it, so a call site can neither name a kind that does not exist nor read one as another type.
 * Every read passes each chunk through the kind's `onRead`, when it has one.
 * (Function-typed fields, not methods, keep `T` invariant under strictFunctionTypes.)
 */
export interface DataKind<T, Name extends string = string> {
  readonly name: Name;
  readonly ttlSeconds: number;
  /** Whether this run wrote the kind (an empty list written counts). */
  readonly exists: (run: DataOwner['run']) => boolean;
  /** Chunks this run wrote. */
  readonly count: (run: DataOwner['run']) => number;
  readonly append: (owner: DataOwner, items: readonly T[]) => Promise<void>;
  /** Replaces the run's list entirely (it then exists, even when empty). */
  readonly replace: (owner: DataOwner, items: readonly T[]) => Promise<void>;
  readonly read: (owner: DataOwner) => Promise<T[]>;
  /** Chunk by chunk, so a large list is never all in memory. */
  readonly forEach: (owner: DataOwner, visit: (items: T[]) => void) => Promise<void>;
  /** Another run's list (a snapshot's base or overlay, a held run's plan), `count` chunks of it. */
  readonly readOf: (kv: KeyValueStore, runId: string, count: number) => Promise<T[]>;
  readonly forEachOf: (kv: KeyValueStore, runId: string, count: number, visit: (items: T[]) => void) => Promise<void>;
  /** One chunk, read and written in place (settle records each user's outcome in its chunk). */
  readonly readChunk: (kv: KeyValueStore, runId: string, seq: number) => Promise<T[] | undefined>;
  readonly overwriteChunk: (kv: KeyValueStore, runId: string, seq: number, items: readonly T[]) => Promise<void>;
}

/** What every read of a kind makes of each chunk of a run's list (the plan lays apply's results over its chunks). */
export type OnChunkRead<T> = (kv: KeyValueStore, runId: string, seq: number, chunk: T[]) => Promise<T[]>;

export function dataKind<T, Name extends string = string>(
  name: Name,
  options: { life: DataLife; onRead?: OnChunkRead<T> },
): DataKind<T, Name> {
  const ttlSeconds = TTL_SECONDS[options.life];
  const prefix = (runId: string) => STORAGE_KEYS.runData(runId, name);
  const { onRead } = options;
  const onReadOf = (kv: KeyValueStore, runId: string): ChunkRead<T> | undefined =>
    onRead && ((chunk, seq) => onRead(kv, runId, seq, chunk));
  const readOf = (kv: KeyValueStore, runId: string, chunks: number) =>
    readAllChunks<T>(kv, prefix(runId), chunks, onReadOf(kv, runId));
  const forEachOf = (kv: KeyValueStore, runId: string, chunks: number, visit: (items: T[]) => void) =>
    forEachChunk<T>(kv, prefix(runId), chunks, visit, onReadOf(kv, runId));
  const count = (run: DataOwner['run']) => run.cursor.chunks[name] ?? 0;
  const append = async (owner: DataOwner, items: readonly T[]) => {
    if (items.length === 0) return;
    const { kv } = owner.deps;
    owner.run.cursor.chunks[name] = await writeChunks(
      kv,
      prefix(owner.run.summary.id),
      count(owner.run),
      items,
      ttlSeconds,
    );
  };
  return {
    name,
    ttlSeconds,
    exists: (run) => run.cursor.chunks[name] !== undefined,
    count,
    append,
    replace: async (owner, items) => {
      owner.run.cursor.chunks[name] = 0;
      await append(owner, items);
    },
    read: (owner) => readOf(owner.deps.kv, owner.run.summary.id, count(owner.run)),
    forEach: (owner, visit) => forEachOf(owner.deps.kv, owner.run.summary.id, count(owner.run), visit),
    readOf,
    forEachOf,
    readChunk: async (kv, runId, seq) => {
      const chunk = await readChunk<T>(kv, prefix(runId), seq);
      return chunk && onRead ? onRead(kv, runId, seq, chunk) : chunk;
    },
    overwriteChunk: (kv, runId, seq, items) => overwriteChunk(kv, prefix(runId), seq, items, ttlSeconds),
  };
}

/** One kind of run data kept as single values, one per number (an apply part's state under its chunk number). */
export interface EntryKind<T, Name extends string = string> {
  readonly name: Name;
  readonly key: (runId: string, seq: number) => string;
  readonly get: (kv: KeyValueStore, runId: string, seq: number) => Promise<T | undefined>;
  readonly set: (kv: KeyValueStore, runId: string, seq: number, value: T) => Promise<void>;
}

export function entryKind<T, Name extends string = string>(
  name: Name,
  options: { life: DataLife },
): EntryKind<T, Name> {
  const ttlSeconds = TTL_SECONDS[options.life];
  const key = (runId: string, seq: number) => `${STORAGE_KEYS.runData(runId, name)}${seq.toString().padStart(6, '0')}`;
  return {
    name,
    key,
    get: (kv, runId, seq) => kv.get<T>(key(runId, seq)),
    set: (kv, runId, seq, value) => kv.set(key(runId, seq), value, { ttlSeconds }),
  };
}
