import { describeError } from '../core/errors';
import { INTERVAL_MINUTES } from '../core/schedule';
import { nextCronTimes } from '../settings/cron';
import type { SchedulePreview } from '../shared/resolver-contract';

/** The next three run times of an interval or cron expression, or why the expression is invalid. */
export function schedulePreview(now: number, interval: string | undefined, cron: string | undefined): SchedulePreview {
  try {
    if (cron) return { valid: true, nextRuns: nextCronTimes(cron, now, 3), error: null };
    const minutes = INTERVAL_MINUTES[(interval ?? '1h') as keyof typeof INTERVAL_MINUTES];
    return { valid: true, nextRuns: [1, 2, 3].map((i) => now + i * minutes * 60_000), error: null };
  } catch (error) {
    return { valid: false, nextRuns: [], error: describeError(error) };
  }
}
