import { estimateDayCost, scheduledRunsPerDay } from '../core/day-cost';
import { effectiveCycle } from '../core/drift-repair';
import { POOL_POINTS_PER_HOUR } from '../core/jira-points';
import { loadPointsMeasure, loadSnapshotMeta, meanOf } from '../engine';
import type { KeyValueStore } from '../ports/key-value-store';
import { nextCronTime } from '../settings/cron';
import type { Settings } from '../settings/schema';
import type { BudgetView } from '../shared/resolver-contract';

/** The points pool, whether the write identity is exempt, the drift cycle and a day's estimate. */
export async function budgetView(kv: KeyValueStore, settings: Settings | undefined, now: number): Promise<BudgetView> {
  const exempt = settings?.writeAs.mode === 'apiToken';
  const setting = settings?.driftRepair?.cycle ?? 'auto';
  const cycle = effectiveCycle(setting, exempt);
  const meta = settings ? await loadSnapshotMeta(kv) : undefined;
  const view: BudgetView = {
    poolPointsPerHour: POOL_POINTS_PER_HOUR,
    exempt,
    driftCycle: { setting, effective: cycle },
    day: null,
  };
  if (!settings || !meta) return view;
  const measure = await loadPointsMeasure(kv);
  view.day = estimateDayCost({
    runsPerDay: scheduledRunsPerDay(settings.schedule, now, nextCronTime),
    incrementalPoints: meanOf(measure.incremental),
    managedMemberships: meta.managedMemberships,
    managedGroups: meta.managedGroups ?? 0,
    cycle,
    exempt,
  });
  return view;
}
