import { planOf, writeProgress } from './report';
import { describeError, isSyncError, SyncError } from '../../core/errors';
import type { EngineDeps } from './deps';
import { nudgeStaleParts, partChunks, runPartStep, startParts, tallyParts } from '../stages/apply/parts';
import { applyUnit } from '../stages/apply/apply';
import { planUnit } from '../stages/plan/plan';
import { readSourceUnit } from '../stages/read-entra/full';
import { readTargetUnit } from '../stages/read-jira/full';
import type { Phase, RunRecord } from './record';
import { emptyCursor, isFinished } from './record';
import { readDeltaUnit } from '../stages/read-entra/incremental';
import { saveSnapshotAfterRun } from '../state/save-snapshot';
import { CHANGES_FAILED, settleRun } from './settle';
import { retryBudgetError, retryBudgetSpent } from './retry-budget';
import { recordRunEnd } from './health';
import { expiryWarning, refreshSecretExpiry } from '../state/secret-expiry';
import { releaseRunLock, renewRunLock } from './lock';
import { loadRun, saveRun } from './store';
import type { StepContext } from './context';
import { isQuotaWait } from './quota-wait';
import { STORAGE_KEYS } from '../state/keys';

export interface StepOutcome {
  /** What happened to the event: processed, or ignored as a duplicate, stale or finished. */
  handled: 'processed' | 'ignored';
  status?: RunRecord['summary']['status'];
}

// Forge caps a queue event's delay at 900 s.
const MAX_DELAY_SECONDS = 900;

/**
 * One invocation of a run: bounded work from the last checkpoint, then a checkpoint and either a
 * continuation event or the end of the run. Events carry `{runId, seq}`; an event whose seq is not
 * the run's current step (a duplicate or a stale delivery) is ignored, and a per-step lock stops
 * two deliveries of the same event from working at once.
 */
export async function runStep(deps: EngineDeps, body: { runId?: unknown; seq?: unknown; part?: unknown }): Promise<StepOutcome> {
  if (typeof body.runId !== 'string' || typeof body.seq !== 'number') return { handled: 'ignored' };
  if (typeof body.part === 'number') return { handled: await runPartStep(deps, { runId: body.runId, part: body.part, seq: body.seq }) };
  const run = await loadRun(deps.kv, body.runId);
  if (!run || isFinished(run.summary.status) || run.step !== body.seq) return { handled: 'ignored' };
  const startedAt = deps.clock.now();
  const stepLockTtl = Math.ceil(deps.limits.stepBudgetMs / 1000) + 60;
  if (!(await deps.kv.setIfAbsent(STORAGE_KEYS.stepLock(run.summary.id, run.step), startedAt, { ttlSeconds: stepLockTtl }))) return { handled: 'ignored' };

  if (await deps.kv.get(STORAGE_KEYS.cancelRequest(run.summary.id))) {
    run.summary.status = 'cancelled';
    run.summary.phase = 'done';
    run.summary.finishedAt = startedAt;
    return finishStep(deps, run, undefined);
  }
  run.summary.status = 'running';
  run.waitingForParts = false;
  const deadline = startedAt + deps.limits.stepBudgetMs;
  let graphCalls = 0;
  let delaySeconds: number | undefined;
  try {
    await renewRunLock(deps.kv, run.summary.id, startedAt, deps.limits.leaseMs);
    const { entra, jira } = await deps.connect(run, {
      deadline: () => deadline,
      lowPriority: run.summary.trigger === 'scheduled',
      onCall: (kind) => {
        if (kind === 'graph') {
          graphCalls++;
          run.summary.calls.graph++;
        } else if (kind === 'jira-read') run.summary.calls.jira++;
        else if (kind === 'jira-write') {
          run.summary.calls.jira++;
          run.summary.calls.jiraWrites++;
        } else run.summary.calls.throttled++;
      },
    });
    const ctx: StepContext = {
      deps,
      run,
      entra,
      jira,
      hasBudget: () => deps.clock.now() < deadline && graphCalls < deps.limits.maxRequestsPerStep,
    };
    await workUntilBudgetSpent(ctx);
    run.retries = 0;
    run.summary.warnings = run.summary.warnings.filter((w) => !w.startsWith('Waiting:'));
  } catch (error) {
    delaySeconds = handleFailure(deps, run, error);
  }
  try {
    return await finishStep(deps, run, delaySeconds);
  } catch (error) {
    // The checkpoint could not be saved: free the step so the platform's retry of this event redoes it.
    await deps.kv.delete(STORAGE_KEYS.stepLock(run.summary.id, body.seq)).catch(() => undefined);
    throw error;
  }
}

async function workUntilBudgetSpent(ctx: StepContext): Promise<void> {
  const { run } = ctx;
  if (!run.cursor.checked) {
    await ctx.entra.verifyCredentials();
    // Incremental runs check the write identity only when they have something to write (below).
    if (run.summary.mode === 'apply' && run.summary.kind === 'full') await checkWriteIdentity(ctx);
    const expiry = expiryWarning(await refreshSecretExpiry(ctx.deps.kv, ctx.entra, ctx.deps.clock.now(), false), ctx.deps.clock.now());
    if (expiry) run.summary.warnings.push(expiry);
    run.cursor.checked = true;
  }
  // At least one unit per invocation, so every event makes progress whatever the budget.
  for (let units = 0; !isFinished(run.summary.status) && !run.waitingForParts && (units === 0 || ctx.hasBudget()); units++) {
    const phase = run.summary.phase as Phase;
    const unitStartedAt = ctx.deps.clock.now();
    await doUnit(ctx, phase);
    run.summary.phaseTimings[phase] = (run.summary.phaseTimings[phase] ?? 0) + (ctx.deps.clock.now() - unitStartedAt);
  }
}

async function doUnit(ctx: StepContext, phase: Phase): Promise<void> {
  const { run } = ctx;
  if (phase === 'read-source') {
    if ((await readSource(ctx)) === 'done') enterPhase(run, 'read-target');
  } else if (phase === 'read-target') {
    if ((await fallBackToFullOnExpiry(ctx, () => readTargetUnit(ctx))) === 'done') enterPhase(run, 'plan');
  } else if (phase === 'plan') {
    const next = await planUnit(ctx);
    if (next === 'apply') {
      if (run.summary.kind === 'incremental') await checkWriteIdentity(ctx);
      enterPhase(run, 'apply');
      const planned = run.summary.counts.creates + run.summary.counts.adds + run.summary.counts.removals;
      run.summary.progress = { done: 0, total: Math.max(1, Math.ceil(planned / ctx.deps.limits.applyBatchSize)) };
    } else end(ctx, next === 'nothing-to-do' ? 'succeeded' : next);
  } else if (phase === 'apply') {
    const parts = partChunks(run);
    if (run.cursor.applyChunk === 1 && parts.length > 0) {
      // The first chunk (every create) is applied; the rest fans out once this checkpoint is saved.
      run.summary.phase = 'apply-parts';
      run.summary.progress = { done: 0, total: parts.length };
      run.waitingForParts = true;
      run.partsToStart = parts;
    } else if ((await applyUnit(ctx)) === 'done') end(ctx, 'succeeded');
  } else if (phase === 'apply-parts') {
    await collectParts(ctx);
  } else end(ctx, 'succeeded');
}

/** Woken by the last part (or the watchdog): ends the run when every part is done, else waits on. */
async function collectParts(ctx: StepContext): Promise<void> {
  const { run, deps } = ctx;
  const tally = await tallyParts(deps, run);
  run.summary.progress = { done: tally.finishedParts, total: partChunks(run).length };
  if (!tally.done) {
    await nudgeStaleParts(deps, run, tally.stale);
    run.partsToStart = tally.missing;
    run.waitingForParts = true;
    return;
  }
  run.summary.counts.failed += tally.failed;
  run.summary.calls.jira += tally.calls.jira;
  run.summary.calls.jiraWrites += tally.calls.jiraWrites;
  run.summary.calls.throttled += tally.calls.throttled;
  if (tally.error) {
    run.summary.error = tally.error;
    end(ctx, 'failed');
  } else end(ctx, (await deps.kv.get(STORAGE_KEYS.cancelRequest(run.summary.id))) ? 'cancelled' : 'succeeded');
}

/** Incremental runs read deltas; when the delta state is gone they start over as a full run. */
async function readSource(ctx: StepContext): Promise<'more' | 'done'> {
  if (ctx.run.summary.kind !== 'incremental') return readSourceUnit(ctx);
  return fallBackToFullOnExpiry(ctx, () => readDeltaUnit(ctx));
}

async function fallBackToFullOnExpiry(ctx: StepContext, unit: () => Promise<'more' | 'done'>): Promise<'more' | 'done'> {
  const { run } = ctx;
  try {
    return await unit();
  } catch (error) {
    if (run.summary.kind !== 'incremental' || !isSyncError(error) || error.code !== 'delta-expired') throw error;
    run.summary.kind = 'full';
    run.summary.warnings.push(`Full run: ${error.message}`);
    run.summary.phase = 'read-source';
    run.cursor = { ...emptyCursor(), checked: true };
    return 'more';
  }
}

/** The write identity must be active and a site admin before any change (design.md section 3). */
async function checkWriteIdentity(ctx: StepContext): Promise<void> {
  const health = await ctx.jira.writeIdentityHealth();
  const who = health.displayName ? `${health.displayName} (${health.accountId})` : health.accountId ?? 'the configured account';
  if (!health.active) throw new SyncError('runas-inactive', `The write identity ${who} is deactivated. Choose another site admin on the admin page; nothing was changed.`);
  if (!health.siteAdmin) throw new SyncError('runas-not-site-admin', `The write identity ${who} is not a site admin, so Jira refuses group changes. Make it a site admin in admin.atlassian.com or choose another account; nothing was changed.`);
}

function enterPhase(run: RunRecord, phase: Phase): void {
  run.summary.phase = phase;
  run.summary.progress = { done: 0, total: 0 };
}

function end(ctx: StepContext, status: RunRecord['summary']['status']): void {
  ctx.run.summary.status = status;
  ctx.run.summary.phase = 'done';
  ctx.run.summary.finishedAt = ctx.deps.clock.now();
}

/** Retryable failures pause the run (returns the delay); anything else ends it as failed. */
function handleFailure(deps: EngineDeps, run: RunRecord, error: unknown): number | undefined {
  // Storage and platform errors (not SyncErrors) are transient as far as we can tell: the step
  // resumes from its last checkpoint, like a throttled read.
  const transient = !isSyncError(error) || error.retryable;
  // A used-up points quota is a wait, not a failure: it spends neither the run's retries nor its retry budget.
  const quotaWait = isQuotaWait(error);
  const budgetSpent = !quotaWait && retryBudgetSpent(run.summary.calls.throttled, deps.limits.maxThrottledPerRun);
  if (transient && run.retries < deps.limits.maxRetries && !budgetSpent) {
    if (!quotaWait) run.retries++;
    const message = isSyncError(error) ? error.message : 'A storage or platform error interrupted the run; it continues from its last checkpoint.';
    if (!isSyncError(error)) deps.log?.(`Run ${run.summary.id} step failed: ${error instanceof Error ? error.message : String(error)}`);
    const delay = Math.min(MAX_DELAY_SECONDS, Math.max(1, isSyncError(error) && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds : 2 ** run.retries));
    run.summary.warnings = [...run.summary.warnings.filter((w) => !w.startsWith('Waiting:')), `Waiting: ${message} The run tries again in ${delay} s.`];
    return delay;
  }
  run.summary.status = 'failed';
  run.summary.error = describeError(error);
  // A failure that was retried says that the retries are over, never that more will come.
  if (transient && budgetSpent) run.summary.error = retryBudgetError(error, run.summary.calls.throttled, deps.limits.maxThrottledPerRun);
  else if (transient && isSyncError(error)) run.summary.error.message = `${error.message} The run stopped after ${run.retries + 1} attempts; start it again when the service recovers.`;
  else if (transient) run.summary.error.message = `${run.summary.error.message.replace(/;? ?the run continues (later|from its last checkpoint)\.?$/, '.')} The run stopped after ${run.retries + 1} attempts.`;
  run.summary.phase = 'done';
  run.summary.finishedAt = deps.clock.now();
  deps.log?.(`Run ${run.summary.id} failed: ${run.summary.error.code}: ${error instanceof Error ? error.message : String(error)}`);
  return undefined;
}

/**
 * Ends a step. The order makes every crash recoverable by the platform's retry of the same event:
 * the continuation is pushed before the checkpoint is saved (a retry redoes the step and pushes a
 * duplicate, which the sequence check ignores), and a finished run records its outcome before it
 * is saved as finished (recording is idempotent), then frees the lock.
 */
async function finishStep(deps: EngineDeps, run: RunRecord, delay: number | undefined): Promise<StepOutcome> {
  run.step++;
  run.updatedAt = deps.clock.now();
  if (isFinished(run.summary.status)) {
    await settleRun(deps, run);
    // A run whose changes partly failed still records where it stands (the snapshot makes the next run full).
    const applied = run.summary.status === 'succeeded' || run.summary.error?.code === CHANGES_FAILED;
    if (applied && run.summary.mode === 'apply') await saveSnapshotAfterRun(deps, run);
    // What Jira took, for the history: planned counts alone would count held or failed writes as done.
    if (run.summary.mode === 'apply') run.summary.applied = writeProgress(await planOf(deps.kv, run)).applied;
    await recordRunEnd(deps.kv, run.summary);
    await saveRun(deps.kv, run);
    await releaseRunLock(deps.kv, run.summary.id);
  } else if (run.waitingForParts) {
    const toStart = run.partsToStart ?? [];
    delete run.partsToStart;
    await saveRun(deps.kv, run);
    if (toStart.length > 0) await startParts(deps, run, toStart);
  } else {
    await deps.queue.push([{ body: { runId: run.summary.id, seq: run.step }, ...(delay ? { delaySeconds: delay } : {}) }]);
    await saveRun(deps.kv, run);
  }
  return { handled: 'processed', status: run.summary.status };
}
