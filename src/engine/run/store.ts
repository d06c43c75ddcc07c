import type { KeyValueStore } from '../../ports/key-value-store';
import type { RunSummary } from '../../shared/resolver-contract';
import type { RunRecord } from './record';
import { upgradeCursor } from './cursor-upgrade';
import { RUN_HISTORY_LIMIT, STORAGE_KEYS } from '../state/keys';

export async function loadRun(kv: KeyValueStore, runId: string): Promise<RunRecord | undefined> {
  const run = await kv.get<RunRecord>(STORAGE_KEYS.run(runId));
  if (run) run.cursor = upgradeCursor(run.cursor, run.summary.phase, run.summary.kind);
  return run;
}

export async function saveRun(kv: KeyValueStore, run: RunRecord): Promise<void> {
  await kv.set(STORAGE_KEYS.run(run.summary.id), run);
}

/** Newest first. */
export async function runIds(kv: KeyValueStore): Promise<string[]> {
  return (await kv.get<string[]>(STORAGE_KEYS.runIndex)) ?? [];
}

/** Records a new run in the history and drops the records of runs beyond the retention limit. */
export async function addToHistory(kv: KeyValueStore, runId: string): Promise<void> {
  const ids = [runId, ...(await runIds(kv)).filter((id) => id !== runId)];
  const kept = ids.slice(0, RUN_HISTORY_LIMIT);
  await kv.set(STORAGE_KEYS.runIndex, kept);
  for (const dropped of ids.slice(RUN_HISTORY_LIMIT)) await kv.delete(STORAGE_KEYS.run(dropped));
}

export async function listRunSummaries(kv: KeyValueStore, limit = RUN_HISTORY_LIMIT): Promise<RunSummary[]> {
  const summaries: RunSummary[] = [];
  for (const id of (await runIds(kv)).slice(0, limit)) {
    const run = await loadRun(kv, id);
    if (run) summaries.push(run.summary);
  }
  return summaries;
}
