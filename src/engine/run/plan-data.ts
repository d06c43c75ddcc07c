import type { KeyValueStore } from '../../ports/key-value-store';
import type { PlannedOperation } from '../stages/plan/planned-operation';
import { MissingRunData } from '../state/chunked-list';
import type { DataKind, DataOwner, EntryKind } from './data-kind';

/**
 * What apply made of one plan chunk's operations, by position: `a` applied, `f` failed (its error
 * in `errors`), `.` as the chunk says. Kept apart from the chunk (up to 180 KB), so each applied
 * batch writes this small value instead of rewriting the whole chunk.
 */
export interface ChunkResults {
  results: string;
  errors: Record<string, { code: string; message: string }>;
}

/** The plan: its chunks as planned, read with apply's results laid over them, so every reader sees what happened. */
export type PlanKind = Omit<DataKind<PlannedOperation, 'plan'>, 'overwriteChunk'> & {
  /** Records the results of a chunk's operations (the chunk itself is written once, by the plan). */
  readonly saveResults: (
    kv: KeyValueStore,
    runId: string,
    seq: number,
    ops: readonly PlannedOperation[],
  ) => Promise<void>;
};

export function planKind(
  chunks: DataKind<PlannedOperation, 'plan'>,
  results: EntryKind<ChunkResults, string>,
): PlanKind {
  const readChunk = async (kv: KeyValueStore, runId: string, seq: number) => {
    const ops = await chunks.readChunk(kv, runId, seq);
    const stored = ops && (await results.get(kv, runId, seq));
    return ops && stored ? withResults(ops, stored) : ops;
  };
  const forEachOf = async (
    kv: KeyValueStore,
    runId: string,
    count: number,
    visit: (items: PlannedOperation[]) => void,
  ) => {
    for (let seq = 0; seq < count; seq++) {
      const ops = await readChunk(kv, runId, seq);
      if (ops === undefined) throw new MissingRunData(`Run data ${runId} plan chunk ${seq} is missing`);
      visit(ops);
    }
  };
  const readOf = async (kv: KeyValueStore, runId: string, count: number) => {
    const all: PlannedOperation[] = [];
    await forEachOf(kv, runId, count, (ops) => all.push(...ops));
    return all;
  };
  const ofOwner = (owner: DataOwner) => [owner.deps.kv, owner.run.summary.id, chunks.count(owner.run)] as const;
  const { name, ttlSeconds, exists, count, append, replace } = chunks;
  return {
    name,
    ttlSeconds,
    exists,
    count,
    append,
    replace,
    read: (owner) => readOf(...ofOwner(owner)),
    forEach: (owner, visit) => forEachOf(...ofOwner(owner), visit),
    readOf,
    forEachOf,
    readChunk,
    saveResults: (kv, runId, seq, ops) => results.set(kv, runId, seq, resultsOf(ops)),
  };
}

function resultsOf(ops: readonly PlannedOperation[]): ChunkResults {
  const errors: ChunkResults['errors'] = {};
  const codes = ops.map((op, i) => {
    if (op.result === 'applied') return 'a';
    if (op.result !== 'failed') return '.';
    if (op.error) errors[i] = op.error;
    return 'f';
  });
  return { results: codes.join(''), errors };
}

function withResults(ops: PlannedOperation[], stored: ChunkResults): PlannedOperation[] {
  return ops.map((op, i): PlannedOperation => {
    const code = stored.results[i];
    if (code === 'a') return { ...op, result: 'applied' };
    if (code !== 'f') return op;
    const error = stored.errors[i];
    return { ...op, result: 'failed', ...(error ? { error } : {}) };
  });
}
