import type { EngineDeps } from '../../run/deps';
import type { RunRecord } from '../../run/record';
import { RUN_DATA } from '../../run/run-data';
import type { PartState } from './part-state';

/** The run keeps one frontier, stored under this number. */
const FRONTIER = 0;

interface Walk {
  /** Every part is done. */
  allDone: boolean;
  /** Throttled answers of the parts walked over, the done prefix included. */
  throttled: number;
}

/** Unfinished parts a throttled part reads past the finished ones: those in flight (twice the parts run at once). */
const IN_FLIGHT_READ = 8;

/**
 * Walks the parts in chunk order from the stored frontier, moving it past the parts now done.
 * `self` is the calling part as it stands in memory (never read back). Past the done prefix it
 * reads at most `unfinished` parts not done, and stops at the first that never ran (parts start
 * in push order, so most after it have not run either).
 */
async function walkParts(deps: EngineDeps, run: RunRecord, self: PartState, unfinished: number): Promise<Walk> {
  const runId = run.summary.id;
  const last = run.planChunks - 1;
  const stored = (await RUN_DATA.partsFrontier.get(deps.kv, runId, FRONTIER)) ?? { next: 1, throttled: 0 };
  const frontier = { ...stored };
  let throttled = stored.throttled;
  let walkedSelf = false;
  let unfinishedLeft = unfinished;
  for (let chunk = stored.next; chunk <= last; chunk++) {
    const state = chunk === self.chunk ? self : await RUN_DATA.part.get(deps.kv, runId, chunk);
    const done = state?.done === true;
    if (!done && (unfinishedLeft-- <= 0 || !state || (state.step === 0 && state !== self))) break;
    throttled += state?.calls.throttled ?? 0;
    walkedSelf ||= state === self;
    if (done && frontier.next === chunk) Object.assign(frontier, { next: chunk + 1, throttled });
  }
  // A part past the walk (run out of push order, or far ahead) still counts its own.
  if (!walkedSelf) throttled += self.calls.throttled;
  if (frontier.next > stored.next) await RUN_DATA.partsFrontier.set(deps.kv, runId, FRONTIER, frontier);
  return { allDone: frontier.next > last, throttled };
}

/**
 * Whether every part is done, asked by a part that has just saved itself done. Each part saves
 * before it asks, so the part that saves last finds every other part done and wakes the run;
 * an earlier one stops at the first part still running (usually the next one).
 */
export async function allPartsDone(deps: EngineDeps, run: RunRecord, self: PartState): Promise<boolean> {
  return (await walkParts(deps, run, self, 0)).allDone;
}

/**
 * Throttled answers of the whole run so far (its retry budget): what it had before fanning out,
 * the finished parts', those of the parts in flight, and `self`'s as it stands in memory. A part
 * beyond the walk is counted once it finishes and the frontier reaches it (the budget stays
 * bounded); `collectParts` adds every part up exactly for the run's record.
 */
export async function throttledSoFar(deps: EngineDeps, run: RunRecord, self: PartState): Promise<number> {
  return run.summary.calls.throttled + (await walkParts(deps, run, self, IN_FLIGHT_READ)).throttled;
}
