import type { DriftCycle } from './drift-repair';
import { membershipReadPoints } from './jira-points';
import type { ScheduleRule } from './schedule';
import { INTERVAL_MINUTES } from './schedule';

const DAY_MS = 24 * 3_600_000;
const CYCLE_DAYS: Record<DriftCycle, number> = { daily: 1, weekly: 7 };

/** Scheduled runs in the day after `from` (cron: counted; preset: 24 h over the interval; off: 0). */
export function scheduledRunsPerDay(
  rule: ScheduleRule,
  from: number,
  nextCronTime: (cron: string, after: number) => number,
): number {
  if (!rule.enabled) return 0;
  if (!rule.cron) return Math.round(1440 / INTERVAL_MINUTES[rule.interval ?? '1h']);
  let runs = 0;
  // 288 is every five minutes, the tick's own rate: no schedule can start more.
  for (let at = nextCronTime(rule.cron, from); at <= from + DAY_MS && runs < 288; at = nextCronTime(rule.cron, at))
    runs++;
  return runs;
}

export interface DayCostInput {
  runsPerDay: number;
  /** Mean Jira points of recent incremental runs, their drift-repair reads left out; null when none ran yet. */
  incrementalPoints: number | null;
  /** Memberships and groups the app manages, as the last full run measured them. */
  managedMemberships: number;
  managedGroups: number;
  cycle: DriftCycle;
  /** The API-token identity's traffic is exempt from points. */
  exempt: boolean;
}

export interface DayCost {
  incrementalPoints: number;
  driftRepairPoints: number;
  totalPoints: number;
  basis: string;
}

/** One day of the current schedule in Jira points: the incremental runs, plus the drift repair's share of its cycle. */
export function estimateDayCost(input: DayCostInput): DayCost {
  const { runsPerDay, cycle, exempt } = input;
  const perRun = input.incrementalPoints ?? 0;
  const cycleRead = membershipReadPoints(input.managedMemberships, input.managedGroups);
  // Measured points already leave out exempt requests; the drift reads go through the exempt identity too.
  const incrementalPoints = Math.round(runsPerDay * perRun);
  const driftRepairPoints = exempt ? 0 : Math.round(cycleRead / CYCLE_DAYS[cycle]);
  const runsText = `${runsPerDay} scheduled runs a day × ${input.incrementalPoints === null ? '0 points (no incremental run measured yet)' : `${Math.round(perRun)} points (recent incremental runs)`}`;
  const driftText = `${cycle === 'daily' ? 'one' : 'one seventh of one'} read of ${input.managedMemberships.toLocaleString('en-US')} memberships in ${input.managedGroups} managed groups (${cycleRead.toLocaleString('en-US')} points a ${cycle === 'daily' ? 'day' : 'week'})`;
  const basis = exempt
    ? `${runsText}; drift repair reads through the API-token identity, exempt from points (it would cost ${driftText}).`
    : `${runsText} + ${driftText}.`;
  return { incrementalPoints, driftRepairPoints, totalPoints: incrementalPoints + driftRepairPoints, basis };
}
