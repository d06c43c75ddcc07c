import type { ErrorInfo } from '../../shared/resolver-contract';
import { isSyncError } from '../../core/errors';
import { runPartStep, startParts } from '../stages/apply/parts';
import { appliedOnDirectEnd, enterFinish, needsFinish } from '../stages/finish/finish';
import { saveFinishWork } from '../stages/finish/finish-work';
import { expiryWarning, refreshSecretExpiry } from '../state/secret-expiry';
import type { ChainNext, ChainWorker } from './chain';
import { runChain } from './chain';
import type { StepContext } from './context';
import type { CallKind, EngineDeps } from './deps';
import { recordRunEnd } from './health';
import { releaseRunLock, renewRunLock } from './lock';
import { doUnit } from './phases';
import { checkWriteIdentity } from '../stages/apply/write-identity';
import type { RunRecord } from './record';
import { isFinished } from './record';
import { STORAGE_KEYS } from '../state/keys';
import { loadRun, saveRun } from './store';

export interface StepOutcome {
  /** What happened to the event: processed, or ignored as a duplicate, stale or finished. */
  handled: 'processed' | 'ignored';
  status?: RunRecord['summary']['status'];
}

/**
 * One invocation of a run: bounded work from the last checkpoint, then a checkpoint and either a
 * continuation event or the end of the run. Events carry `{runId, seq}` (and `part` for a part of
 * the apply stage); an event whose seq is not the chain's current step (a duplicate or a stale
 * delivery) is ignored.
 */
export async function runStep(
  deps: EngineDeps,
  body: { runId?: unknown; seq?: unknown; part?: unknown },
): Promise<StepOutcome> {
  if (typeof body.runId !== 'string' || typeof body.seq !== 'number') return { handled: 'ignored' };
  if (typeof body.part === 'number')
    return { handled: await runPartStep(deps, { runId: body.runId, part: body.part, seq: body.seq }) };
  const run = await loadRun(deps.kv, body.runId);
  if (!run || isFinished(run.summary.status) || run.step !== body.seq) return { handled: 'ignored' };
  const handled = await runChain(deps, runWorker(deps, run));
  return handled === 'ignored' ? { handled } : { handled, status: run.summary.status };
}

/** The run as a chain worker: its units are the phase table's, its checkpoint the run record. */
function runWorker(deps: EngineDeps, run: RunRecord): ChainWorker {
  let graphCalls = 0;
  return {
    run,
    lockKey: STORAGE_KEYS.stepLock(run.summary.id, run.step),
    get retries() {
      return run.retries;
    },
    set retries(value: number) {
      run.retries = value;
    },
    countCall: (kind) => {
      if (kind === 'graph') graphCalls++;
      countRunCall(run, kind);
    },
    countPoints: (points) => {
      run.summary.jiraPoints = (run.summary.jiraPoints ?? 0) + points;
    },
    withinRequestBudget: () => graphCalls < deps.limits.maxRequestsPerStep,
    throttledInRun: async () => run.summary.calls.throttled,
    begin: async () => {
      run.summary.status = 'running';
      run.waitingForParts = false;
      await renewRunLock(deps.kv, run.summary.id, deps.clock.now(), deps.limits.leaseMs);
    },
    cancel: () => cancelRun(deps, run),
    work: async (ctx) => {
      if (!run.cursor.checked) await checkOnce(ctx);
      const phase = run.summary.phase;
      const startedAt = deps.clock.now();
      await doUnit(ctx);
      run.summary.phaseTimings[phase] = (run.summary.phaseTimings[phase] ?? 0) + (deps.clock.now() - startedAt);
      return isFinished(run.summary.status) || run.waitingForParts ? 'done' : 'more';
    },
    succeeded: () => {
      run.retries = 0;
      run.summary.warnings = run.summary.warnings.filter((w) => !w.startsWith('Waiting:'));
    },
    wait: (error, seconds) => {
      const message = isSyncError(error)
        ? error.message
        : 'A storage or platform error interrupted the run; it continues from its last checkpoint.';
      if (!isSyncError(error))
        deps.log?.(`Run ${run.summary.id} step failed: ${error instanceof Error ? error.message : String(error)}`);
      run.summary.warnings = [
        ...run.summary.warnings.filter((w) => !w.startsWith('Waiting:')),
        `Waiting: ${message} The run tries again in ${seconds} s.`,
      ];
    },
    fail: (error, cause) => failRun(deps, run, error, cause),
    save: (next) => saveRunStep(deps, run, next),
  };
}

function countRunCall(run: RunRecord, kind: CallKind): void {
  const calls = run.summary.calls;
  if (kind === 'graph') calls.graph++;
  else if (kind === 'jira-read') calls.jira++;
  else if (kind === 'jira-write') {
    calls.jira++;
    calls.jiraWrites++;
  } else calls.throttled++;
}

/** Before the first unit: the credentials work, full runs that write have a write identity that can, and the secret's expiry is known. */
async function checkOnce(ctx: StepContext): Promise<void> {
  const { run } = ctx;
  await ctx.entra.verifyCredentials();
  if (run.summary.mode === 'apply' && run.summary.kind === 'full') await checkWriteIdentity(ctx);
  const expiry = expiryWarning(
    await refreshSecretExpiry(ctx.deps.kv, ctx.entra, ctx.deps.clock.now(), false),
    ctx.deps.clock.now(),
  );
  if (expiry) run.summary.warnings.push(expiry);
  run.cursor.checked = true;
}

/** A cancelled apply run with a plan settles its outcomes first; one recording its end has made its changes and carries on. */
function cancelRun(deps: EngineDeps, run: RunRecord): boolean {
  if (run.summary.phase === 'finish') return false;
  if (needsFinish(run, 'cancelled')) {
    enterFinish(run, 'cancelled', null);
    return true;
  }
  run.summary.status = 'cancelled';
  run.summary.phase = 'done';
  run.summary.finishedAt = deps.clock.now();
  return true;
}

/** The run fails: an apply run with a plan still settles its outcomes (finish phase); one failing there ends at once. */
function failRun(deps: EngineDeps, run: RunRecord, error: ErrorInfo, cause: unknown): void {
  deps.log?.(`Run ${run.summary.id} failed: ${error.code}: ${cause instanceof Error ? cause.message : String(cause)}`);
  if (needsFinish(run, 'failed')) return enterFinish(run, 'failed', error);
  run.summary.status = 'failed';
  run.summary.error = error;
  run.summary.phase = 'done';
  run.summary.finishedAt = deps.clock.now();
}

/**
 * Ends a step. The order makes every crash recoverable by the platform's retry of the same event:
 * what a finishing run gathered is stored before its cursor names it, the continuation is pushed
 * before the checkpoint is saved (a retry redoes the step and pushes a duplicate, which the
 * sequence check ignores), and a finished run records its outcome before it is saved as finished
 * (recording is idempotent), then frees the lock. The finish phase has saved its snapshot and
 * outcomes by then, so the lock is held until the run's end is recorded.
 */
async function saveRunStep(deps: EngineDeps, run: RunRecord, next: ChainNext): Promise<void> {
  await saveFinishWork({ deps, run });
  run.step++;
  run.updatedAt = deps.clock.now();
  if (isFinished(run.summary.status)) {
    run.summary.applied ??= appliedOnDirectEnd(run);
    await recordRunEnd(deps.kv, run.summary);
    await saveRun(deps.kv, run);
    await releaseRunLock(deps.kv, run.summary.id);
  } else if (run.waitingForParts) {
    const toStart = run.partsToStart ?? [];
    delete run.partsToStart;
    await saveRun(deps.kv, run);
    if (toStart.length > 0) await startParts(deps, run, toStart);
  } else {
    const delay = next.next === 'retryAfter' ? next.seconds : undefined;
    await deps.queue.push([
      { body: { runId: run.summary.id, seq: run.step }, ...(delay ? { delaySeconds: delay } : {}) },
    ]);
    await saveRun(deps.kv, run);
  }
}
