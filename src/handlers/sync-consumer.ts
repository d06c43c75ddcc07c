import type { AppDeps } from '../app-deps';
import { engineDepsOf } from '../engine/connect-run';
import type { StepOutcome } from '../engine/run-step';
import { runStep } from '../engine/run-step';

/** The queue consumer: one bounded step of a run. The body carries only `{runId, seq}`. */
export async function syncConsumer(deps: AppDeps, body: unknown): Promise<StepOutcome> {
  if (typeof body !== 'object' || body === null) return { handled: 'ignored' };
  return runStep(engineDepsOf(deps), body as { runId?: unknown; seq?: unknown });
}
