import type { StepContext, UnitResult } from '../../run/context';
import type { ApplyCursor } from '../../run/cursor';
import { stageCursor } from '../../run/cursor';
import type { Stage } from '../stage';
import { applyRange } from './apply';
import { partChunks } from './parts';

/**
 * Applies the plan of a full run, whose write identity was checked when the run started. The
 * first plan chunk holds every create, so it is applied here, batch by batch; a plan of several
 * more chunks then fans out to parts (parts.ts), each applied by a chain of its own.
 */
export const applyFull: Stage = {
  start: (): ApplyCursor => ({ phase: 'apply', chunk: 0, index: 0, writerChecked: true }),
  unit: applyUnit,
};

export async function applyUnit(ctx: StepContext): Promise<UnitResult> {
  const { run } = ctx;
  const cursor = stageCursor(run, 'apply');
  const parts = partChunks(run);
  if (cursor.chunk === 1 && parts.length > 0) {
    // The first chunk (every create) is applied; the rest fans out once this checkpoint is saved.
    run.summary.phase = 'apply-parts';
    run.cursor.stage = { phase: 'apply-parts' };
    run.summary.progress = { done: 0, total: parts.length };
    run.waitingForParts = true;
    run.partsToStart = parts;
    return 'more';
  }
  if (cursor.chunk >= run.planChunks) return 'done';
  const { next, length } = await applyRange(ctx, cursor.chunk, cursor.index);
  cursor.index = next;
  run.summary.progress = {
    done: run.summary.progress.done + 1,
    total: Math.max(run.summary.progress.total, run.summary.progress.done + 1),
  };
  if (cursor.index >= length) {
    cursor.chunk++;
    cursor.index = 0;
  }
  return cursor.chunk >= run.planChunks ? 'done' : 'more';
}
