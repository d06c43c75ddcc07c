import type { AppliedCounts, ErrorInfo } from '../../../shared/resolver-contract';
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

/**
 * What Jira took, for an apply run that ends without the finish phase: nothing when it never got to
 * write (held, or ended before its plan); what the settled plan chunks counted when it failed while
 * finishing, unknown (left out) if that was before they were all counted.
 */
export function appliedOnDirectEnd(run: RunRecord): AppliedCounts | undefined {
  if (run.summary.mode !== 'apply') return undefined;
  const stage = run.cursor.stage;
  if (stage.phase !== 'finish') return { creates: 0, adds: 0, removals: 0 };
  return stage.task === 'settle' ? undefined : stage.applied;
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

/** Up to `endChunksPerUnit` chunks of work, moving from task to task as each is done. */
async function unit(ctx: StepContext): Promise<UnitResult> {
  const work = workOf(ctx.run);
  for (let chunks = 0; chunks < ctx.deps.limits.endChunksPerUnit; ) {
    const step = await taskStep(ctx, work);
    if (step === 'ended') return ended(ctx, work);
    if (step === 'worked') chunks++;
  }
  return 'more';
}

/** One chunk of the current task's work, or the move to the next task when it is done. */
async function taskStep(ctx: StepContext, work: FinishWork): Promise<'worked' | 'moved' | 'ended'> {
  const { cursor } = work;
  const { run } = ctx;
  const within = (count: number) => cursor.next < count;
  const move = (task: FinishCursor['task']) => (Object.assign(cursor, { task, next: 0 }), 'moved' as const);
  switch (cursor.task) {
    case 'settle':
      if (!within(RUN_DATA.plan.count(run))) return move(outcomesToSettle(ctx) ? 'outcomes' : 'members');
      await settleChunk(ctx, work);
      break;
    case 'outcomes':
      if (!within(RUN_DATA.userOutcomes.count(run))) return move('members');
      await settleOutcomes(ctx, work);
      break;
    case 'members':
      if (!(await snapshotDue(ctx, work))) return 'ended';
      if (!within(RUN_DATA.entraMembers.count(run))) return move(indexDue(ctx) ? 'users' : 'snapshot');
      await scanMembers(ctx, work);
      break;
    case 'users':
      if (within(RUN_DATA.entraUsers.count(run))) await scanUsers(ctx, work);
      else await startIndex(ctx, work);
      break;
    case 'sizes':
      await sizeShard(ctx, work);
      break;
    case 'index':
      if (!within(groupCount(cursor.buckets!))) return move('snapshot');
      await writeGroup(ctx, work);
      break;
    case 'snapshot':
      await saveSnapshotAfterRun(ctx.deps, run, await loadSeen(ctx, work), cursor.buckets ?? 0);
      return 'ended';
  }
  return 'worked';
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
