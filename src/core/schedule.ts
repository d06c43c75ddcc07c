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
export function isRunDue(now: number, lastStart: number | undefined, rule: ScheduleRule, nextCronTime: (cron: string, after: number) => number): boolean {
  if (!rule.enabled) return false;
  if (lastStart === undefined) return true;
  if (rule.cron) return nextCronTime(rule.cron, lastStart) <= now;
  const minutes = INTERVAL_MINUTES[rule.interval ?? '1h'];
  return now - lastStart >= (minutes - 1) * 60_000;
}
