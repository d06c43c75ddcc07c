import type { DriftCycleSetting } from '../shared/resolver-contract';

/**
 * Drift repair spread across runs: instead of a whole-tenant reconcile, each incremental run
 * re-reads the Jira members of the managed groups that are due, so every managed group is read
 * once per cycle. Group i of G is due at cycleStart + i/G of the cycle, whatever the schedule, so
 * the slice a run reads follows from the time since the last run and the cycle.
 */

export type { DriftCycleSetting };
export type DriftCycle = 'daily' | 'weekly';

export const CYCLE_MS: Record<DriftCycle, number> = { daily: 24 * 3_600_000, weekly: 7 * 24 * 3_600_000 };

/** Auto: weekly when reads cost Jira points, daily when the API-token identity makes them exempt. */
export function effectiveCycle(setting: DriftCycleSetting, exempt: boolean): DriftCycle {
  if (setting !== 'auto') return setting;
  return exempt ? 'daily' : 'weekly';
}

/** Where the current cycle stands: when it started and how many of the (sorted) managed groups it has read. */
export interface DriftCursor {
  cycleStartedAt: number;
  next: number;
}

/** The managed group IDs this run re-reads, and the cursor to store once the run succeeds. */
export interface DriftSlice {
  groupIds: string[];
  of: number;
  after: DriftCursor;
}

/**
 * The groups due now, in a stable order (sorted IDs). A finished cycle waits until it has lasted a
 * whole cycle; a cycle overdue by more than a cycle (no runs for a long while) starts afresh now,
 * so a long pause costs one catch-up of what is due, not several cycles at once.
 */
export function driftSlice(
  managedGroupIds: readonly string[],
  cursor: DriftCursor | undefined,
  now: number,
  cycleMs: number,
): DriftSlice {
  const sorted = [...new Set(managedGroupIds)].sort();
  const total = sorted.length;
  let start = cursor?.cycleStartedAt ?? now;
  let next = Math.min(cursor?.next ?? 0, total);
  if (total > 0 && next >= total) {
    if (now < start + cycleMs) return { groupIds: [], of: total, after: { cycleStartedAt: start, next: total } };
    start = now >= start + 2 * cycleMs ? now : start + cycleMs;
    next = 0;
  }
  // Before the cycle starts (just after a full run) `due` is at most 0, so nothing is read.
  const due = Math.min(total, Math.floor(((now - start) * total) / cycleMs) + 1);
  return {
    groupIds: sorted.slice(next, Math.max(next, due)),
    of: total,
    after: { cycleStartedAt: start, next: Math.max(next, due) },
  };
}

/**
 * A full run read every managed group: the next cycle starts one slot later, so group i is read
 * again (i+1)/G of a cycle after the full run, never more than a cycle after it.
 */
export function cycleDoneBy(fullRunStartedAt: number, managedGroups: number, cycleMs: number): DriftCursor {
  return { cycleStartedAt: fullRunStartedAt + Math.floor(cycleMs / Math.max(1, managedGroups)), next: 0 };
}

/** When the next group falls due (of `total` managed groups when the cursor was stored); a run before then reads none. */
export function driftDueAt(cursor: DriftCursor | undefined, total: number, cycleMs: number): number {
  if (!cursor) return Number.NEGATIVE_INFINITY;
  if (total === 0) return cursor.cycleStartedAt + cycleMs;
  // A finished cycle (next = total) is due again a whole cycle after it started.
  return cursor.cycleStartedAt + Math.ceil((Math.min(cursor.next, total) * cycleMs) / total);
}
