import { scheduledRunsPerDay } from '../../core/day-cost';
import { CYCLE_DAYS, CYCLE_MS, cycleDoneBy, driftSlice, effectiveCycle, perRunMembers } from '../../core/drift-repair';
import type { DriftCursor, DriftGroup } from '../../core/drift-repair';
import type { GroupTarget } from '../../core/target-groups';
import { isWritable } from '../../core/target-groups';
import type { KeyValueStore } from '../../ports/key-value-store';
import { nextCronTime } from '../../settings/cron';
import type { RunRecord } from '../run/record';
import { STORAGE_KEYS } from './keys';
import { loadRegistry } from './registry';

/** The first stored shape: a position in the sorted group list. */
interface CountedCursor {
  cycleStartedAt: number;
  next: number;
  of: number;
}

/**
 * Drift repair's place in its cycle (src/core/drift-repair.ts). A cursor of the first shape (a
 * count) restarts its cycle from the first group with the same start: the groups it had read are
 * read once more, nothing is skipped.
 */
export async function loadDriftCursor(kv: KeyValueStore): Promise<DriftCursor | undefined> {
  const stored = await kv.get<DriftCursor | CountedCursor>(STORAGE_KEYS.driftCursor);
  if (!stored || 'readThrough' in stored) return stored;
  return { cycleStartedAt: stored.cycleStartedAt, readThrough: null, nextDue: { offset: 0, total: 1 } };
}

/** The run's drift cycle: the setting, auto resolved by whether the write identity's reads are exempt. */
function cycleOf(run: RunRecord) {
  return effectiveCycle(run.settings.driftRepair?.cycle ?? 'auto', run.actor.mode === 'apiToken');
}

export function cycleMsOf(run: RunRecord): number {
  return CYCLE_MS[cycleOf(run)];
}

/** The most members this run reads: twice the even share of the cycle's scheduled runs. */
export function memberBoundOf(run: RunRecord, groups: readonly DriftGroup[], now: number): number {
  const runs = scheduledRunsPerDay(run.settings.schedule, now, nextCronTime) * CYCLE_DAYS[cycleOf(run)];
  return perRunMembers(groups, runs);
}

/** The managed Jira groups with their desired members (a group the index does not know counts as empty). */
export function driftGroupsOf(targets: readonly GroupTarget[], membersOf: (rootId: string) => number): DriftGroup[] {
  return targets
    .filter((t) => t.state === 'managed' && t.groupId !== null)
    .map((t) => ({ id: t.groupId as string, members: membersOf(t.entraGroupId) }));
}

/**
 * Stores where the cycle stands once an apply run succeeded: a full run read every managed group
 * (those it created included), so a new cycle starts with it; an incremental run stores the place
 * its slice reached.
 */
export async function saveDriftCursor(
  kv: KeyValueStore,
  run: RunRecord,
  targets: readonly GroupTarget[],
  membersOf: (rootId: string) => number,
): Promise<void> {
  if (run.summary.kind === 'full')
    await kv.set(STORAGE_KEYS.driftCursor, await afterFullRun(kv, run, targets, membersOf));
  else if (run.cursor.drift) await kv.set(STORAGE_KEYS.driftCursor, run.cursor.drift.after);
}

/**
 * The new cycle a full run starts. With every managed group's ID known (the groups it created are
 * in the registry) the first group's due time is exact, so no run looks at Jira before it; else
 * the first look is when the smallest share would end.
 */
async function afterFullRun(
  kv: KeyValueStore,
  run: RunRecord,
  targets: readonly GroupTarget[],
  membersOf: (rootId: string) => number,
): Promise<DriftCursor> {
  const created = new Map(
    Object.entries(await loadRegistry(kv)).map(([groupId, entry]) => [entry.entraGroupId.toLowerCase(), groupId]),
  );
  const groups = targets.filter(isWritable).map((t) => ({
    id: t.groupId ?? created.get(t.entraGroupId.toLowerCase()) ?? null,
    members: membersOf(t.entraGroupId),
  }));
  const placed = groups.map((g, i) => ({ id: g.id ?? `unknown ${i}`, members: g.members }));
  const started = cycleDoneBy(run.summary.startedAt, placed);
  if (groups.some((g) => g.id === null)) return started;
  return driftSlice(placed, started, run.summary.startedAt, cycleMsOf(run)).after;
}
