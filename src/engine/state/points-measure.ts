import type { KeyValueStore } from '../../ports/key-value-store';
import { STORAGE_KEYS } from './keys';

/** Jira points of recent incremental runs (their drift-repair reads left out), for the day estimate. */
export interface PointsMeasure {
  incremental: number[];
}

const KEPT_RUNS = 10;

export async function loadPointsMeasure(kv: KeyValueStore): Promise<PointsMeasure> {
  return (await kv.get<PointsMeasure>(STORAGE_KEYS.pointsMeasure)) ?? { incremental: [] };
}

/** Records one finished incremental run's points (drift repair's share excluded). */
export async function recordIncrementalPoints(kv: KeyValueStore, points: number): Promise<void> {
  const measure = await loadPointsMeasure(kv);
  await kv.set(STORAGE_KEYS.pointsMeasure, { incremental: [points, ...measure.incremental].slice(0, KEPT_RUNS) });
}

export function meanOf(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}
