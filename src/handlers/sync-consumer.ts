import type { AppDeps } from '../app-deps';
import type { StepOutcome } from '../engine';
import { engineDepsOf, isChangeRunEvent, runStep, startNotifiedRun } from '../engine';

/** The queue consumer: one bounded step of a run (`{runId, seq}`), or the debounced start of a run that notifications asked for. */
export async function syncConsumer(deps: AppDeps, body: unknown): Promise<StepOutcome> {
  if (typeof body !== 'object' || body === null) return { handled: 'ignored' };
  if (isChangeRunEvent(body))
    return { handled: (await startNotifiedRun(deps, 'event')) === 'nothing-pending' ? 'ignored' : 'processed' };
  return runStep(engineDepsOf(deps), body as { runId?: unknown; seq?: unknown });
}
