import type { KeyValueStore } from '../../ports/key-value-store';
import type { PlannedOperation } from '../stages/plan/planned-operation';
import type { DataKind, EntryKind } from './data-kind';
import { dataKind } from './data-kind';

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

export function planKind(results: EntryKind<ChunkResults, string>): PlanKind {
  // A chunk is written once, by the plan; apply saves results beside it, never by overwriting it.
  const { overwriteChunk, ...chunks } = dataKind<PlannedOperation, 'plan'>('plan', {
    life: 'record',
    onRead: async (kv, runId, seq, ops) => {
      const stored = await results.get(kv, runId, seq);
      if (stored) layResults(ops, stored);
      return ops;
    },
  });
  return { ...chunks, saveResults: (kv, runId, seq, ops) => results.set(kv, runId, seq, resultsOf(ops)) };
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

/**
 * Lays the stored results over a chunk in place, without copying its operations: each read of a
 * chunk is the reader's own (KVS answers every read with a fresh value), so no other reader holds them.
 */
function layResults(ops: PlannedOperation[], stored: ChunkResults): void {
  ops.forEach((op, i) => {
    const code = stored.results[i];
    if (code === 'a') op.result = 'applied';
    if (code !== 'f') return;
    op.result = 'failed';
    const error = stored.errors[i];
    if (error) op.error = error;
  });
}
