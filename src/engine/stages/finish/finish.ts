import type { ErrorInfo } from '../../../shared/resolver-contract';
import type { StepContext, UnitResult } from '../../run/context';
import type { FinishCursor } from '../../run/cursor';
import type { RunRecord } from '../../run/record';
import { RUN_DATA } from '../../run/run-data';
import { CHANGES_FAILED, endingOf } from '../../run/settle';
import { saveSnapshotAfterRun } from '../../state/save-snapshot';
import { STORAGE_KEYS } from '../../state/keys';
import type { Stage } from '../stage';
import { startIndex, sizeShard, writeGroup } from './finish-index';
import { scanMembers, scanUsers } from './finish-scan';
import { outcomesToSettle, settleChunk, settleOutcomes } from './finish-settle';
import type { FinishWork } from './finish-work';
import { loadSeen, workOf } from './finish-work';
import { groupCount } from '../../state/user-index-write';

type Status = RunRecord['summary']['status'];

/**
 * The end of an apply run, as bounded units like any stage (so a large run's end spreads over
 * invocations, and a retry or a wait continues it): settle the outcomes, then, when its changes
 * stand, scan the member pages, write the user index and save the snapshot, meta last. The run
 * stays running (phase `finish`) and keeps its lock until the status it ends with is recorded.
 */
export const finishRun: Stage = { start: () => finishCursor({ status: 'succeeded', error: null }), unit };

/** Whether an apply run that ends with `status` records it through the finish phase. */
export function needsFinish(run: RunRecord, status: Status): boolean {
  if (run.summary.mode !== 'apply' || run.summary.phase === 'finish') return false;
  return status === 'succeeded' || ((status === 'failed' || status === 'cancelled') && RUN_DATA.plan.count(run) > 0);
}

/** The run ends with `status` (and its error) once the finish phase has recorded it. */
export function enterFinish(run: RunRecord, status: Status, error: ErrorInfo | null): void {
  run.summary.phase = 'finish';
  run.summary.status = 'running';
  run.summary.progress = { done: 0, total: 0 };
  run.cursor.stage = finishCursor(endingOf(run.summary, status, error));
}

function finishCursor(ending: FinishCursor['ending']): FinishCursor {
  return {
    phase: 'finish',
    ending,
    task: 'settle',
    next: 0,
    applied: { creates: 0, adds: 0, removals: 0 },
    parts: [],
    bytes: 0,
    buckets: null,
  };
}

async function unit(ctx: StepContext): Promise<UnitResult> {
  const work = workOf(ctx.run);
  const { cursor } = work;
  if (cursor.task === 'settle') {
    if (cursor.next < RUN_DATA.plan.count(ctx.run)) await settleChunk(ctx, work);
    else Object.assign(cursor, { task: outcomesToSettle(ctx) ? 'outcomes' : 'members', next: 0 });
  } else if (cursor.task === 'outcomes') {
    if (cursor.next < RUN_DATA.userOutcomes.count(ctx.run)) await settleOutcomes(ctx, work);
    else Object.assign(cursor, { task: 'members', next: 0 });
  } else if (cursor.task === 'members') {
    if (!(await snapshotDue(ctx, work))) return ended(ctx, work);
    if (cursor.next < RUN_DATA.entraMembers.count(ctx.run)) await scanMembers(ctx, work);
    else Object.assign(cursor, { task: indexDue(ctx) ? 'users' : 'snapshot', next: 0 });
  } else if (cursor.task === 'users') {
    if (cursor.next < RUN_DATA.entraUsers.count(ctx.run)) await scanUsers(ctx, work);
    else await startIndex(ctx, work);
  } else if (cursor.task === 'sizes') await sizeShard(ctx, work);
  else if (cursor.task === 'index') {
    if (cursor.next < groupCount(cursor.buckets!)) await writeGroup(ctx, work);
    else Object.assign(cursor, { task: 'snapshot', next: 0 });
  } else {
    await saveSnapshotAfterRun(ctx.deps, ctx.run, await loadSeen(ctx, work), cursor.buckets ?? 0);
    return ended(ctx, work);
  }
  return 'more';
}

/**
 * Whether the run saves a snapshot: its changes stand (it succeeded, or only some changes failed).
 * A run whose changes partly failed removes the snapshot instead: only a full read retries them.
 */
async function snapshotDue(ctx: StepContext, work: FinishWork): Promise<boolean> {
  const { ending } = work.cursor;
  if (ending.status !== 'succeeded' && ending.error?.code !== CHANGES_FAILED) return false;
  if (ctx.run.summary.counts.failed === 0) return true;
  await ctx.deps.kv.delete(STORAGE_KEYS.snapshotMeta);
  return false;
}

/** A full run that will keep its snapshot writes a user index (without delta links there is none to keep). */
function indexDue({ run }: StepContext): boolean {
  return run.summary.kind === 'full' && !!run.cursor.delta.newUsersLink && !!run.cursor.delta.newGroupsLink;
}

function ended({ run }: StepContext, work: FinishWork): UnitResult {
  const { ending, applied } = work.cursor;
  run.summary.error = ending.error;
  run.summary.applied = applied;
  return { end: ending.status };
}
