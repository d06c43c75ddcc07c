import { SyncError } from '../core/errors';
import { loadRun, runDetail } from '../engine';
import type { KeyValueStore } from '../ports/key-value-store';
import type { ChangeRow, UserRow } from '../shared/resolver-contract';

/** A filtered page of a run's per-user log and changes (the page filters and downloads it). */
export async function runLogPage(
  kv: KeyValueStore,
  request: { runId: string; outcome?: string; text?: string; offset?: number; limit?: number },
): Promise<{ total: number; users: UserRow[]; changes: ChangeRow[] }> {
  const run = await loadRun(kv, request.runId);
  if (!run) throw new SyncError('run-not-found', `Run ${request.runId} does not exist.`);
  const detail = await runDetail(kv, run);
  const text = request.text?.toLowerCase() ?? '';
  const users = detail.users.filter(
    (u) =>
      (!request.outcome || u.outcome === request.outcome) &&
      (!text || `${u.identifier ?? ''} ${u.entraId} ${u.reason}`.toLowerCase().includes(text)),
  );
  const offset = request.offset ?? 0;
  const limit = request.limit ?? 200;
  const page = users.slice(offset, offset + limit);
  const emails = new Set(page.map((u) => u.identifier).filter(Boolean));
  return {
    total: users.length,
    users: page,
    changes: detail.changes.filter((c) => c.email !== null && emails.has(c.email)),
  };
}

/** A filtered page of a run's changes (the preview table and its CSV export page through these). */
export async function runChangesPage(
  kv: KeyValueStore,
  request: { runId: string; op?: string; result?: string; text?: string; offset?: number; limit?: number },
): Promise<{ total: number; changes: ChangeRow[] }> {
  const run = await loadRun(kv, request.runId);
  if (!run) throw new SyncError('run-not-found', `Run ${request.runId} does not exist.`);
  const text = request.text?.toLowerCase() ?? '';
  const changes = (await runDetail(kv, run)).changes.filter(
    (c) =>
      (!request.op || c.op === request.op) &&
      (!request.result || c.result === request.result) &&
      (!text || `${c.group} ${c.email ?? ''}`.toLowerCase().includes(text)),
  );
  const offset = request.offset ?? 0;
  return { total: changes.length, changes: changes.slice(offset, offset + (request.limit ?? 500)) };
}
