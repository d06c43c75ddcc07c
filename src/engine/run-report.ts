import type { UserOutcome } from '../core/plan';
import type { KeyValueStore } from '../ports/key-value-store';
import type { ChangeRow, RunDetail, UserRow } from '../shared/resolver-contract';
import { readAllChunks } from './chunked-list';
import type { PlannedOperation } from './planned-operation';
import type { RunRecord } from './run-record';
import { STORAGE_KEYS } from './storage-keys';

/**
 * A run's summary with its changes and per-user outcomes, as the admin page and the CLI report
 * show it; `limit` caps each list (the resolver's answer must stay under Forge's 5 MB).
 */
export async function runDetail(kv: KeyValueStore, run: RunRecord, limit = Number.POSITIVE_INFINITY): Promise<RunDetail> {
  const operations = await readAllChunks<PlannedOperation>(kv, STORAGE_KEYS.runData(run.summary.id, 'plan'), run.cursor.chunks.plan ?? 0);
  const outcomes = await readAllChunks<UserOutcome>(kv, STORAGE_KEYS.runData(run.summary.id, 'user-outcomes'), run.cursor.chunks['user-outcomes'] ?? 0);
  const changes = operations.map(changeRow);
  const users: UserRow[] = outcomes.map((u) => ({ entraId: u.entraId, identifier: u.identifier, outcome: u.outcome, reason: u.reason }));
  return { ...run.summary, changes: changes.slice(0, limit), users: users.slice(0, limit), totalChanges: changes.length, totalUsers: users.length };
}

/** A stored operation as the page and the report show it (with why it failed, when it did). */
export function changeRow(op: PlannedOperation): ChangeRow {
  return { op: op.op, group: op.group, email: op.op === 'createGroup' ? null : op.email, result: op.result, ...(op.error ? { error: op.error } : {}) };
}
