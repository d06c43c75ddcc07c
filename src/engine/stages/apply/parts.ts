import type { StepContext } from '../../run/context';
import type { CallKind, EngineDeps } from '../../run/deps';
import { applyRange } from './apply';
import type { ChainNext, ChainWorker } from '../../run/chain';
import { runChain, STALL_LIMIT_MS } from '../../run/chain';
import type { RunRecord } from '../../run/record';
import { isFinished } from '../../run/record';
import { loadRun } from '../../run/store';
import { STORAGE_KEYS } from '../../state/keys';
import { RUN_DATA } from '../../run/run-data';
import type { PartState } from './part-state';
import { allPartsDone, throttledSoFar } from './parts-frontier';

export type { PartState };

/**
 * Fan-out of the apply phase. After the first plan chunk (which holds every create, so groups and
 * accounts exist first), each further chunk of membership changes is a part applied by its own
 * chain of queue events, with at most `PART_CONCURRENCY` running at once across the installation.
 * Parts keep their own state (position, step, failures, calls), so they never write the run record;
 * the last part to finish wakes the run, which adds the parts up and ends.
 */

/** Parts applied at once (Forge's per-installation concurrency key on the events). */
export const PART_CONCURRENCY = 4;
export const PART_CONCURRENCY_KEY = 'entra-sync-apply-parts';
/** Fan out only when at least this many chunks remain after the first. */
export const MIN_PARTS = 2;

function partEvent(runId: string, state: PartState, delaySeconds?: number) {
  return {
    body: { runId, part: state.chunk, seq: state.step },
    concurrency: { key: PART_CONCURRENCY_KEY, limit: PART_CONCURRENCY },
    ...(delaySeconds ? { delaySeconds } : {}),
  };
}

/** The chunks the run fans out (all but the first), or none when the plan is small. */
export function partChunks(run: RunRecord): number[] {
  const remaining = run.planChunks - 1;
  return remaining >= MIN_PARTS ? Array.from({ length: remaining }, (_, i) => i + 1) : [];
}

/** Creates and pushes the parts not started yet (all of them the first time; the lost ones after a crash). */
export async function startParts(deps: EngineDeps, run: RunRecord, chunks: number[] = partChunks(run)): Promise<void> {
  const now = deps.clock.now();
  const states = chunks.map(
    (chunk): PartState => ({
      chunk,
      index: 0,
      step: 0,
      retries: 0,
      done: false,
      failed: 0,
      calls: { jira: 0, jiraWrites: 0, throttled: 0 },
      error: null,
      updatedAt: now,
    }),
  );
  for (const state of states) await RUN_DATA.part.set(deps.kv, run.summary.id, state.chunk, state);
  // Forge takes at most 50 events per push.
  for (let i = 0; i < states.length; i += 50)
    await deps.queue.push(states.slice(i, i + 50).map((s) => partEvent(run.summary.id, s)));
}

export interface PartsTally {
  done: boolean;
  finishedParts: number;
  failed: number;
  calls: PartState['calls'];
  points: number;
  error: PartState['error'];
  stale: PartState[];
  /** Parts with no state: the run stopped between saving itself and starting them. */
  missing: number[];
}

export async function tallyParts(deps: EngineDeps, run: RunRecord): Promise<PartsTally> {
  const tally: PartsTally = {
    done: true,
    finishedParts: 0,
    failed: 0,
    calls: { jira: 0, jiraWrites: 0, throttled: 0 },
    points: 0,
    error: null,
    stale: [],
    missing: [],
  };
  for (const chunk of partChunks(run)) {
    const state = await RUN_DATA.part.get(deps.kv, run.summary.id, chunk);
    if (!state) {
      tally.done = false;
      tally.missing.push(chunk);
      continue;
    }
    tally.failed += state.failed;
    tally.calls.jira += state.calls.jira;
    tally.calls.jiraWrites += state.calls.jiraWrites;
    tally.calls.throttled += state.calls.throttled;
    tally.points += state.points ?? 0;
    tally.error ??= state.error;
    if (state.done) tally.finishedParts++;
    else {
      tally.done = false;
      if (deps.clock.now() - state.updatedAt > STALL_LIMIT_MS) tally.stale.push(state);
    }
  }
  return tally;
}

/** Pushes again the parts whose chain stalled (their events were lost); duplicates are ignored. */
export async function nudgeStaleParts(deps: EngineDeps, run: RunRecord, stale: PartState[]): Promise<void> {
  for (const state of stale) await deps.queue.push([partEvent(run.summary.id, state)]);
}

/**
 * One invocation of one part: batches of its chunk until done or out of budget, as a chain of its
 * own. A stopping error (the write identity lost its rights) ends the part with that error; a
 * retryable one (throttling) pushes the part again after the wait.
 */
export async function runPartStep(
  deps: EngineDeps,
  body: { runId: string; part: number; seq: number },
): Promise<'processed' | 'ignored'> {
  const run = await loadRun(deps.kv, body.runId);
  if (!run || isFinished(run.summary.status) || run.summary.phase !== 'apply-parts') return 'ignored';
  const state = await RUN_DATA.part.get(deps.kv, run.summary.id, body.part);
  // The platform's retry of a part's last event that saved itself but failed before it could wake the run.
  if (state?.done && state.step === body.seq + 1 && (await allPartsDone(deps, run, state))) {
    await wakeRun(deps, run.summary.id);
    return 'processed';
  }
  if (!state || state.done || state.step !== body.seq) return 'ignored';
  return runChain(deps, partWorker(deps, run, state));
}

/** One part as a chain worker: its units are batches of its chunk, its checkpoint the part's own state. */
function partWorker(deps: EngineDeps, run: RunRecord, state: PartState): ChainWorker {
  // applyRange counts failed writes on the run record, which a part never saves: the part keeps the difference.
  const failedBefore = run.summary.counts.failed;
  return {
    run,
    lockKey: `${STORAGE_KEYS.stepLock(run.summary.id, run.step)}:part:${state.chunk}:${state.step}`,
    get retries() {
      return state.retries;
    },
    set retries(value: number) {
      state.retries = value;
    },
    countCall: (kind) => countPartCall(state, kind),
    countPoints: (points) => {
      state.points = (state.points ?? 0) + points;
    },
    withinRequestBudget: () => true,
    throttledInRun: () => throttledSoFar(deps, run, state),
    begin: async () => undefined,
    cancel: () => {
      state.done = true;
      return true;
    },
    work: (ctx) => applyPartBatch(ctx, state),
    succeeded: () => {
      state.retries = 0;
    },
    wait: () => undefined,
    fail: (error) => {
      state.error = error;
      state.done = true;
    },
    save: (next) => savePartStep(deps, run, state, { next, failed: run.summary.counts.failed - failedBefore }),
  };
}

function countPartCall(state: PartState, kind: CallKind): void {
  if (kind === 'jira-read') state.calls.jira++;
  else if (kind === 'jira-write') {
    state.calls.jira++;
    state.calls.jiraWrites++;
  } else if (kind === 'throttled') state.calls.throttled++;
}

/** One batch of the part's chunk; 'done' once the chunk is applied. */
async function applyPartBatch(ctx: StepContext, state: PartState): Promise<'done' | 'more'> {
  const { next, length } = await applyRange(ctx, state.chunk, state.index);
  state.index = next;
  state.done = next >= length;
  return state.done ? 'done' : 'more';
}

/**
 * Ends a part's step as the run's chain does: the next event is pushed before the state is saved,
 * so a crash in between is redone by the platform's retry. The last part to finish wakes the run.
 */
async function savePartStep(
  deps: EngineDeps,
  run: RunRecord,
  state: PartState,
  step: { next: ChainNext; failed: number },
): Promise<void> {
  state.failed += step.failed;
  state.step++;
  state.updatedAt = deps.clock.now();
  if (!state.done)
    await deps.queue.push([
      partEvent(run.summary.id, state, step.next.next === 'retryAfter' ? step.next.seconds : undefined),
    ]);
  await RUN_DATA.part.set(deps.kv, run.summary.id, state.chunk, state);
  if (state.done && (await allPartsDone(deps, run, state))) await wakeRun(deps, run.summary.id);
}

/** The last part wakes the run (a duplicate wake-up is ignored by the run's sequence check). */
async function wakeRun(deps: EngineDeps, runId: string): Promise<void> {
  const fresh = await loadRun(deps.kv, runId);
  if (fresh && !isFinished(fresh.summary.status))
    await deps.queue.push([{ body: { runId: fresh.summary.id, seq: fresh.step } }]);
}
