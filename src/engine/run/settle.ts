import { settleOutcome } from '../../core/settle-outcomes';
import type { EngineDeps } from './deps';
import type { PlannedOperation } from '../stages/plan/planned-operation';
import type { RunRecord } from './record';
import { RUN_DATA } from './run-data';

export const CHANGES_FAILED = 'changes-failed';

/**
 * Once an apply run has ended, its record tells what happened, not what was planned: a run in
 * which any change failed ends `failed` (error `changes-failed`, the applied changes stay applied),
 * and the stored per-user outcomes are settled against the changes' results, so every view reads
 * one truth. Idempotent: a retried final step settles again to the same result. `operations`: the
 * run's stored plan with results, read once by the caller.
 */
export async function settleRun(
  deps: EngineDeps,
  run: RunRecord,
  operations: readonly PlannedOperation[],
): Promise<void> {
  const { summary } = run;
  if (summary.mode !== 'apply' || !['succeeded', 'failed', 'cancelled'].includes(summary.status)) return;
  if (summary.status === 'succeeded' && summary.counts.failed > 0) {
    summary.status = 'failed';
    summary.error = {
      code: CHANGES_FAILED,
      message: `${summary.counts.failed} changes failed (see each change's error); the other changes were applied. The next run tries the failed changes again.`,
    };
  }
  const outcomeChunks = RUN_DATA.userOutcomes.count(run);
  if (RUN_DATA.plan.count(run) === 0 || outcomeChunks === 0) return;
  const undone = new Map<string, PlannedOperation[]>();
  for (const op of operations) {
    if (op.op === 'createGroup' || !op.entraId || (op.result !== 'failed' && op.result !== 'planned')) continue;
    undone.set(op.entraId, [...(undone.get(op.entraId) ?? []), op]);
  }
  if (undone.size === 0) return;
  for (let seq = 0; seq < outcomeChunks; seq++) {
    const chunk = await RUN_DATA.userOutcomes.readChunk(deps.kv, summary.id, seq);
    if (!chunk) continue;
    await RUN_DATA.userOutcomes.overwriteChunk(
      deps.kv,
      summary.id,
      seq,
      chunk.map((user) => settleOutcome(user, undone.get(user.entraId) ?? [])),
    );
  }
}
