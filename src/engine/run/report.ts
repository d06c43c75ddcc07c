import type { KeyValueStore } from '../../ports/key-value-store';
import type { ChangeRow, RunDetail, UserRow, WriteProgress } from '../../shared/resolver-contract';
import type { PlannedOperation } from '../stages/plan/planned-operation';
import type { RunRecord } from './record';
import { RUN_DATA } from './run-data';

/**
 * A run's summary with its changes and per-user outcomes, as the admin page and the CLI report
 * show it; `limit` caps each list (the resolver's answer must stay under Forge's 5 MB).
 */
export async function runDetail(
  kv: KeyValueStore,
  run: RunRecord,
  limit = Number.POSITIVE_INFINITY,
): Promise<RunDetail> {
  const operations = await planOf(kv, run);
  const outcomes = await RUN_DATA.userOutcomes.read({ deps: { kv }, run });
  const changes: ChangeRow[] = operations.map(changeRow);
  const users: UserRow[] = outcomes.map((u) => ({
    entraId: u.entraId,
    identifier: u.identifier,
    outcome: u.outcome,
    reason: u.reason,
  }));
  return {
    ...run.summary,
    writes: writeProgress(operations),
    changes: changes.slice(0, limit),
    users: users.slice(0, limit),
    totalChanges: changes.length,
    totalUsers: users.length,
  };
}

/** A stored operation as the page and the report show it (with why it failed, when it did). */
export function changeRow(op: PlannedOperation): ChangeRow {
  return {
    op: op.op,
    group: op.group,
    email: op.op === 'createGroup' ? null : op.email,
    result: op.result,
    ...(op.error ? { error: op.error } : {}),
  };
}

export function planOf(kv: KeyValueStore, run: RunRecord): Promise<PlannedOperation[]> {
  return RUN_DATA.plan.read({ deps: { kv }, run });
}

/**
 * Writes planned and done, counted from the stored plan: every applied batch saves its results
 * there, so this is true mid-run (fanned-out parts included), not an estimate.
 */
export function writeProgress(operations: readonly PlannedOperation[]): WriteProgress {
  const progress: WriteProgress = { planned: 0, done: 0, failed: 0, applied: { creates: 0, adds: 0, removals: 0 } };
  for (const op of operations) {
    if (op.result === 'skipped') continue;
    progress.planned++;
    if (op.result === 'failed') progress.failed++;
    if (op.result !== 'applied') continue;
    const kind = op.op === 'addMember' ? 'adds' : op.op === 'removeMember' ? 'removals' : 'creates';
    progress.applied[kind]++;
  }
  progress.done = progress.applied.creates + progress.applied.adds + progress.applied.removals + progress.failed;
  return progress;
}
