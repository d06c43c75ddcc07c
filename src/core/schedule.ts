/** Preset intervals of the schedule setting, in minutes. */
export const INTERVAL_MINUTES = { '5m': 5, '15m': 15, '1h': 60, '4h': 240, '24h': 1440 } as const;
export type ScheduleInterval = keyof typeof INTERVAL_MINUTES;

export interface ScheduleRule {
  enabled: boolean;
  interval?: ScheduleInterval;
  cron?: string;
}

/**
 * Whether a scheduled run is due at `now` (the five-minute tick asks). A preset is due once its
 * interval has passed since the last scheduled start, less a minute of slack because ticks drift.
 * `nextCronTime` gives the first cron time after a moment (injected: parsing cron is a library's job).
 */
export function isRunDue(
  now: number,
  lastStart: number | undefined,
  rule: ScheduleRule,
  nextCronTime: (cron: string, after: number) => number,
  backoff = 1,
): boolean {
  const next = nextRunTime(lastStart, rule, nextCronTime, backoff);
  return next !== null && next <= now;
}

/**
 * When the next scheduled run is due (null when the schedule is off). `backoff` multiplies the wait
 * after repeated failures; for cron, the cron time after the backed-off wait.
 */
export function nextRunTime(
  lastStart: number | undefined,
  rule: ScheduleRule,
  nextCronTime: (cron: string, after: number) => number,
  backoff = 1,
): number | null {
  if (!rule.enabled) return null;
  if (lastStart === undefined) return Number.NEGATIVE_INFINITY;
  if (rule.cron) {
    const first = nextCronTime(rule.cron, lastStart);
    return backoff <= 1 ? first : nextCronTime(rule.cron, lastStart + (first - lastStart) * backoff - 1);
  }
  const minutes = INTERVAL_MINUTES[rule.interval ?? '1h'];
  return lastStart + (minutes - 1) * 60_000 * backoff;
}
