import { cycleDoneBy, CYCLE_MS, effectiveCycle } from '../../core/drift-repair';
import type { DriftCursor } from '../../core/drift-repair';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { RunRecord } from '../run/record';
import { STORAGE_KEYS } from './keys';

/** Drift repair's place in its cycle (src/core/drift-repair.ts), with the managed group count it was stored for. */
export interface StoredDriftCursor extends DriftCursor {
  of: number;
}

export async function loadDriftCursor(kv: KeyValueStore): Promise<StoredDriftCursor | undefined> {
  return kv.get<StoredDriftCursor>(STORAGE_KEYS.driftCursor);
}

/** The run's drift cycle in ms: the setting, auto resolved by whether the write identity's reads are exempt. */
export function cycleMsOf(run: RunRecord): number {
  return CYCLE_MS[effectiveCycle(run.settings.driftRepair?.cycle ?? 'auto', run.actor.mode === 'apiToken')];
}

/** Stores where the cycle stands once an apply run succeeded (a full run read every managed group). */
export async function saveDriftCursor(kv: KeyValueStore, run: RunRecord, managedGroups: number): Promise<void> {
  if (run.summary.kind === 'full')
    await kv.set(STORAGE_KEYS.driftCursor, {
      ...cycleDoneBy(run.summary.startedAt, managedGroups, cycleMsOf(run)),
      of: managedGroups,
    });
  else if (run.cursor.drift)
    await kv.set(STORAGE_KEYS.driftCursor, { ...run.cursor.drift.after, of: run.cursor.drift.of });
}
