import type { StepContext, UnitResult } from '../../run/context';
import { STORAGE_KEYS } from '../../state/keys';
import { nudgeStaleParts, partChunks, tallyParts } from './parts';

/** Woken by the last part (or the watchdog): ends the run when every part is done, else waits on. */
export async function collectParts(ctx: StepContext): Promise<UnitResult> {
  const { run, deps } = ctx;
  const tally = await tallyParts(deps, run);
  run.summary.progress = { done: tally.finishedParts, total: partChunks(run).length };
  if (!tally.done) {
    await nudgeStaleParts(deps, run, tally.stale);
    run.partsToStart = tally.missing;
    run.waitingForParts = true;
    return 'more';
  }
  run.summary.counts.failed += tally.failed;
  run.summary.calls.jira += tally.calls.jira;
  run.summary.calls.jiraWrites += tally.calls.jiraWrites;
  run.summary.calls.throttled += tally.calls.throttled;
  run.summary.jiraPoints = (run.summary.jiraPoints ?? 0) + tally.points;
  if (tally.error) {
    run.summary.error = tally.error;
    return { end: 'failed' };
  }
  return { end: (await deps.kv.get(STORAGE_KEYS.cancelRequest(run.summary.id))) ? 'cancelled' : 'succeeded' };
}
