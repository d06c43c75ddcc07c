import type { DriftCycleSetting } from '../shared/resolver-contract';

/**
 * Drift repair spread across runs: instead of a whole-tenant reconcile, each incremental run
 * re-reads the Jira members of the managed groups that are due, so every managed group is read
 * once per cycle. The groups stand in a stable order (sorted IDs), each taking a share of the cycle
 * as large as its members: a group is due once the cycle has run past the end of its share, so a
 * run reads about the members that fell due since the run before, whatever the schedule, and one
 * 50,000-member group among a thousand small ones spreads over the cycle like the rest.
 */

export type { DriftCycleSetting };
export type DriftCycle = 'daily' | 'weekly';

export const CYCLE_MS: Record<DriftCycle, number> = { daily: 24 * 3_600_000, weekly: 7 * 24 * 3_600_000 };
export const CYCLE_DAYS: Record<DriftCycle, number> = { daily: 1, weekly: 7 };

/** Auto: weekly when reads cost Jira points, daily when the API-token identity makes them exempt. */
export function effectiveCycle(setting: DriftCycleSetting, exempt: boolean): DriftCycle {
  if (setting !== 'auto') return setting;
  return exempt ? 'daily' : 'weekly';
}

/** A managed group and how many members its read returns (its desired members, as the stored Entra state says). */
export interface DriftGroup {
  id: string;
  members: number;
}

/** Where the current cycle stands. */
export interface DriftCursor {
  cycleStartedAt: number;
  /** The last group (in ID order) this cycle has read; null before its first. Groups added after it are read this cycle. */
  readThrough: string | null;
  /** When the next group falls due: `offset / total` of a cycle after its start (past 1: in the next cycle). */
  nextDue: { offset: number; total: number };
}

/** The managed group IDs this run re-reads, where the cycle stands after them, and the cursor to store once the run succeeds. */
export interface DriftSlice {
  groupIds: string[];
  /** Managed groups in the cycle. */
  of: number;
  /** Groups of this cycle read once this slice is (the slice included). */
  readInCycle: number;
  after: DriftCursor;
}

/** A group's share of the cycle: its members, plus one for the request even an empty group's read costs. */
export function driftWeight(members: number): number {
  return Math.max(0, members) + 1;
}

/**
 * The most members one run reads when it catches up (after a pause, or a shorter cycle): twice the
 * even share of the cycle's runs, so a backlog clears at double pace; a group larger than that is
 * read alone. Without scheduled runs there is no share to keep to.
 */
export function perRunMembers(groups: readonly DriftGroup[], runsPerCycle: number): number {
  if (runsPerCycle <= 0) return Number.POSITIVE_INFINITY;
  return 2 * Math.ceil(place(groups).total / runsPerCycle);
}

interface Placed {
  id: string;
  weight: number;
  /** Where its share ends, in weight from the start of the cycle. */
  end: number;
}

/** The groups in ID order with their shares (a repeated ID counts once, its last size). */
function place(groups: readonly DriftGroup[]): { placed: Placed[]; total: number } {
  const weights = new Map(groups.map((g) => [g.id, driftWeight(g.members)]));
  const placed: Placed[] = [];
  let total = 0;
  for (const id of [...weights.keys()].sort()) {
    const weight = weights.get(id) as number;
    total += weight;
    placed.push({ id, weight, end: total });
  }
  return { placed, total };
}

/**
 * The groups due now, at most `maxMembers` of weight unless one group alone is larger. A finished
 * cycle waits until it has lasted a whole cycle; a cycle overdue by two cycles (no runs for a long
 * while) starts afresh now, so a long pause costs one catch-up of what is due, not several cycles.
 */
export function driftSlice(
  groups: readonly DriftGroup[],
  cursor: DriftCursor | undefined,
  now: number,
  cycleMs: number,
  maxMembers = Number.POSITIVE_INFINITY,
): DriftSlice {
  const { placed, total } = place(groups);
  if (placed.length === 0)
    return { groupIds: [], of: 0, readInCycle: 0, after: { cycleStartedAt: now, readThrough: null, nextDue: ONE } };
  let start = cursor?.cycleStartedAt ?? now;
  let through = cursor?.readThrough ?? null;
  if (unreadFrom(placed, through) === placed.length) {
    if (now < start + cycleMs) return idle(placed, total, start, through);
    start = now >= start + 2 * cycleMs ? now : start + cycleMs;
    through = null;
  }
  const first = unreadFrom(placed, through);
  let end = first;
  let members = 0;
  for (; end < placed.length; end++) {
    const group = placed[end] as Placed;
    if ((now - start) * total < group.end * cycleMs) break;
    if (end > first && members + group.weight > maxMembers) break;
    members += group.weight;
  }
  const groupIds = placed.slice(first, end).map((g) => g.id);
  return {
    groupIds,
    of: placed.length,
    readInCycle: end,
    after: { cycleStartedAt: start, readThrough: groupIds.at(-1) ?? through, nextDue: dueAfter(placed, total, end) },
  };
}

const ONE = { offset: 1, total: 1 };

/** Index of the first group this cycle has not read. */
function unreadFrom(placed: readonly Placed[], through: string | null): number {
  if (through === null) return 0;
  const index = placed.findIndex((g) => g.id > through);
  return index < 0 ? placed.length : index;
}

/** When the group at `index` falls due; past the last, the first group of the next cycle. */
function dueAfter(placed: readonly Placed[], total: number, index: number): DriftCursor['nextDue'] {
  const next = placed[index];
  if (next) return { offset: next.end, total };
  return { offset: total + (placed[0] as Placed).end, total };
}

function idle(placed: readonly Placed[], total: number, start: number, through: string | null): DriftSlice {
  return {
    groupIds: [],
    of: placed.length,
    readInCycle: placed.length,
    after: { cycleStartedAt: start, readThrough: through, nextDue: dueAfter(placed, total, placed.length) },
  };
}

/**
 * A full run read every managed group: a new cycle starts with it, so each group is read again once
 * its share of the cycle has passed, the last a whole cycle after the full run. Their order is not
 * known yet (a group the full run created has no ID in its target), so the next look is when the
 * smallest share would end: never later than the first group's.
 */
export function cycleDoneBy(fullRunStartedAt: number, groups: readonly DriftGroup[]): DriftCursor {
  const { placed, total } = place(groups);
  return {
    cycleStartedAt: fullRunStartedAt,
    readThrough: null,
    nextDue: placed.length === 0 ? ONE : { offset: Math.min(...placed.map((g) => g.weight)), total },
  };
}

/** When the next group falls due; a run before then reads none (and, with no change, sends Jira nothing). */
export function driftDueAt(cursor: DriftCursor | undefined, cycleMs: number): number {
  if (!cursor) return Number.NEGATIVE_INFINITY;
  return cursor.cycleStartedAt + Math.ceil((cursor.nextDue.offset * cycleMs) / cursor.nextDue.total);
}
