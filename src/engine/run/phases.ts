import { isSyncError, SyncError } from '../../core/errors';
import type { Phase } from '../../shared/resolver-contract';
import { partChunks } from '../stages/apply/parts';
import { applyUnit } from '../stages/apply/apply';
import { collectParts } from '../stages/apply/collect-parts';
import { planUnit } from '../stages/plan/plan';
import { readEntraFull } from '../stages/read-entra/full';
import { readEntraIncremental } from '../stages/read-entra/incremental';
import { readJiraFull } from '../stages/read-jira/full';
import { readJiraIncremental } from '../stages/read-jira/incremental';
import type { StepContext, UnitResult } from './context';

export type { UnitResult };
import { emptyCursor } from './record';
import type { RunRecord } from './record';

type Unit = (ctx: StepContext) => Promise<UnitResult>;

export interface PhaseEntry {
  /** One unit of the phase, for each kind of run (full or incremental is chosen once, when the run starts). */
  work: Record<'full' | 'incremental', Unit>;
  next: Phase;
  /** Sets the phase up as the run enters it. */
  enter?(ctx: StepContext): void;
}

/** The pipeline, in order: what a run does in each phase and where it goes when the phase is done. */
export const PHASES: Record<Phase, PhaseEntry> = {
  'read-source': {
    work: { full: readEntraFull, incremental: fullOnExpiry(readEntraIncremental) },
    next: 'read-target',
  },
  'read-target': { work: { full: readJiraFull, incremental: fullOnExpiry(readJiraIncremental) }, next: 'plan' },
  plan: { work: { full: plan, incremental: plan }, next: 'apply' },
  apply: { work: { full: apply, incremental: apply }, next: 'done', enter: enterApply },
  'apply-parts': { work: { full: collectParts, incremental: collectParts }, next: 'done' },
  done: { work: { full: async () => 'done', incremental: async () => 'done' }, next: 'done' },
};

/** One unit of the run's current phase, then the move to the next phase or the end. */
export async function doUnit(ctx: StepContext): Promise<void> {
  const { run } = ctx;
  const entry = PHASES[run.summary.phase];
  const result = await entry.work[run.summary.kind](ctx);
  if (result === 'more') return;
  if (result !== 'done') return end(ctx, result.end);
  if (entry.next === 'done') return end(ctx, 'succeeded');
  run.summary.phase = entry.next;
  run.summary.progress = { done: 0, total: 0 };
  PHASES[entry.next].enter?.(ctx);
}

async function plan(ctx: StepContext): Promise<UnitResult> {
  const next = await planUnit(ctx);
  if (next !== 'apply') return { end: next === 'nothing-to-do' ? 'succeeded' : next };
  // Incremental runs check the write identity only now that they have something to write.
  if (ctx.run.summary.kind === 'incremental') await checkWriteIdentity(ctx);
  return 'done';
}

function enterApply({ run, deps }: StepContext): void {
  const planned = run.summary.counts.creates + run.summary.counts.adds + run.summary.counts.removals;
  run.summary.progress = { done: 0, total: Math.max(1, Math.ceil(planned / deps.limits.applyBatchSize)) };
}

async function apply(ctx: StepContext): Promise<UnitResult> {
  const { run } = ctx;
  const parts = partChunks(run);
  if (run.cursor.applyChunk !== 1 || parts.length === 0) return applyUnit(ctx);
  // The first chunk (every create) is applied; the rest fans out once this checkpoint is saved.
  run.summary.phase = 'apply-parts';
  run.summary.progress = { done: 0, total: parts.length };
  run.waitingForParts = true;
  run.partsToStart = parts;
  return 'more';
}

/** When an incremental run's delta state is gone, it starts over as a full run. */
function fullOnExpiry(unit: Unit): Unit {
  return async (ctx) => {
    try {
      return await unit(ctx);
    } catch (error) {
      if (!isSyncError(error) || error.code !== 'delta-expired') throw error;
      const { run } = ctx;
      run.summary.kind = 'full';
      run.summary.warnings.push(`Full run: ${error.message}`);
      run.summary.phase = 'read-source';
      run.cursor = { ...emptyCursor(), checked: true };
      return 'more';
    }
  };
}

function end(ctx: StepContext, status: RunRecord['summary']['status']): void {
  ctx.run.summary.status = status;
  ctx.run.summary.phase = 'done';
  ctx.run.summary.finishedAt = ctx.deps.clock.now();
}

/** The write identity must be active and a site admin before any change (design.md section 3). */
export async function checkWriteIdentity(ctx: StepContext): Promise<void> {
  const health = await ctx.jira.writeIdentityHealth();
  const who = health.displayName
    ? `${health.displayName} (${health.accountId})`
    : (health.accountId ?? 'the configured account');
  if (!health.active)
    throw new SyncError(
      'runas-inactive',
      `The write identity ${who} is deactivated. Choose another site admin on the admin page; nothing was changed.`,
    );
  if (!health.siteAdmin)
    throw new SyncError(
      'runas-not-site-admin',
      `The write identity ${who} is not a site admin, so Jira refuses group changes. Make it a site admin in admin.atlassian.com or choose another account; nothing was changed.`,
    );
}
