import type { UserOutcome } from '../../core/plan';
import { settleOutcome } from '../../core/settle-outcomes';
import { overwriteChunk, readAllChunks, readChunk } from '../state/chunked-list';
import type { EngineDeps } from './deps';
import type { PlannedOperation } from '../stages/plan/planned-operation';
import type { RunRecord } from './record';
import { dataTtlSeconds, STORAGE_KEYS } from '../state/keys';

export const CHANGES_FAILED = 'changes-failed';

/**
 * Once an apply run has ended, its record tells what happened, not what was planned: a run in
 * which any change failed ends `failed` (error `changes-failed`, the applied changes stay applied),
 * and the stored per-user outcomes are settled against the changes' results, so every view reads
 * one truth. Idempotent: a retried final step settles again to the same result.
 */
export async function settleRun(deps: EngineDeps, run: RunRecord): Promise<void> {
  const { summary } = run;
  if (summary.mode !== 'apply' || !['succeeded', 'failed', 'cancelled'].includes(summary.status)) return;
  if (summary.status === 'succeeded' && summary.counts.failed > 0) {
    summary.status = 'failed';
    summary.error = {
      code: CHANGES_FAILED,
      message: `${summary.counts.failed} changes failed (see each change's error); the other changes were applied. The next run tries the failed changes again.`,
    };
  }
  const planChunks = run.cursor.chunks.plan ?? 0;
  const outcomeChunks = run.cursor.chunks['user-outcomes'] ?? 0;
  if (planChunks === 0 || outcomeChunks === 0) return;
  const operations = await readAllChunks<PlannedOperation>(
    deps.kv,
    STORAGE_KEYS.runData(summary.id, 'plan'),
    planChunks,
  );
  const undone = new Map<string, PlannedOperation[]>();
  for (const op of operations) {
    if (op.op === 'createGroup' || !op.entraId || (op.result !== 'failed' && op.result !== 'planned')) continue;
    undone.set(op.entraId, [...(undone.get(op.entraId) ?? []), op]);
  }
  if (undone.size === 0) return;
  const prefix = STORAGE_KEYS.runData(summary.id, 'user-outcomes');
  for (let seq = 0; seq < outcomeChunks; seq++) {
    const chunk = await readChunk<UserOutcome>(deps.kv, prefix, seq);
    if (!chunk) continue;
    await overwriteChunk(
      deps.kv,
      prefix,
      seq,
      chunk.map((user) => settleOutcome(user, undone.get(user.entraId) ?? [])),
      dataTtlSeconds('user-outcomes'),
    );
  }
}
