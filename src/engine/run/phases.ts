import { isSyncError } from '../../core/errors';
import type { Phase } from '../../shared/resolver-contract';
import { applyFull } from '../stages/apply/full';
import { applyIncremental } from '../stages/apply/incremental';
import { collectParts } from '../stages/apply/collect-parts';
import { planFull } from '../stages/plan/full';
import { planIncremental } from '../stages/plan/incremental';
import { readEntraFull } from '../stages/read-entra/full';
import { readEntraIncremental } from '../stages/read-entra/incremental';
import { readJiraFull } from '../stages/read-jira/full';
import { readJiraIncremental } from '../stages/read-jira/incremental';
import { enterFinish, finishRun, needsFinish } from '../stages/finish/finish';
import type { Stage } from '../stages/stage';
import type { StepContext, UnitResult } from './context';
import type { RunKind } from './cursor';
import type { RunCursor, RunRecord } from './record';
import { startCursor } from './record';

export type { UnitResult };

export interface PhaseEntry {
  /** The stage the phase runs, for each kind of run (full or incremental is chosen once, when the run starts). */
  work: Record<RunKind, Stage>;
  next: Phase;
}

const collecting: Stage = { start: () => ({ phase: 'apply-parts' }), unit: collectParts };
const ended: Stage = { start: () => ({ phase: 'done' }), unit: async () => 'done' };

/** The pipeline, in order: what a run does in each phase and where it goes when the phase is done. */
export const PHASES: Record<Phase, PhaseEntry> = {
  'read-source': {
    work: { full: readEntraFull, incremental: fullOnExpiry(readEntraIncremental) },
    next: 'read-target',
  },
  'read-target': { work: { full: readJiraFull, incremental: fullOnExpiry(readJiraIncremental) }, next: 'plan' },
  plan: { work: { full: planFull, incremental: planIncremental }, next: 'apply' },
  apply: { work: { full: applyFull, incremental: applyIncremental }, next: 'finish' },
  // Entered by apply itself when the plan fans out to parts; the last part wakes the run.
  'apply-parts': { work: { full: collecting, incremental: collecting }, next: 'finish' },
  // Also entered by an apply run that ends otherwise (see end); the run is recorded when it is done.
  finish: { work: { full: finishRun, incremental: finishRun }, next: 'done' },
  done: { work: { full: ended, incremental: ended }, next: 'done' },
};

/** A new run's cursor: the first stage of its kind. */
export function firstCursor(kind: RunKind): RunCursor {
  return startCursor(PHASES['read-source'].work[kind].start());
}

/** One unit of the run's current phase, then the move to the next phase or the end. */
export async function doUnit(ctx: StepContext): Promise<void> {
  const { run } = ctx;
  const entry = PHASES[run.summary.phase];
  const result = await entry.work[run.summary.kind].unit(ctx);
  if (result === 'more') return;
  if (result !== 'done') return end(ctx, result.end);
  // The finish phase is entered through end, which settles the status the run ends with.
  if (entry.next === 'done' || entry.next === 'finish') return end(ctx, 'succeeded');
  run.summary.phase = entry.next;
  run.cursor.stage = PHASES[entry.next].work[run.summary.kind].start();
  run.summary.progress = entry.next === 'apply' ? applyProgress(ctx) : { done: 0, total: 0 };
}

/** Apply's progress counts its batches, from the planned changes. */
function applyProgress({ run, deps }: StepContext): RunRecord['summary']['progress'] {
  const planned = run.summary.counts.creates + run.summary.counts.adds + run.summary.counts.removals;
  return { done: 0, total: Math.max(1, Math.ceil(planned / deps.limits.applyBatchSize)) };
}

/** When an incremental run's delta state is gone, it starts over as a full run. */
function fullOnExpiry(stage: Stage): Stage {
  return {
    start: stage.start,
    unit: async (ctx) => {
      try {
        return await stage.unit(ctx);
      } catch (error) {
        if (!isSyncError(error) || error.code !== 'delta-expired') throw error;
        const { run } = ctx;
        run.summary.kind = 'full';
        run.summary.warnings.push(`Full run: ${error.message}`);
        run.summary.phase = 'read-source';
        run.cursor = { ...firstCursor('full'), checked: true };
        return 'more';
      }
    },
  };
}

/** The run ends: an apply run records its end through the finish phase first (stages/finish). */
function end(ctx: StepContext, status: RunRecord['summary']['status']): void {
  if (needsFinish(ctx.run, status)) return enterFinish(ctx.run, status, ctx.run.summary.error);
  ctx.run.summary.status = status;
  ctx.run.summary.phase = 'done';
  ctx.run.summary.finishedAt = ctx.deps.clock.now();
}
