import type { AppDeps } from '../app-deps';
import { describeError } from '../core/errors';
import { INTERVAL_MINUTES, nextRunTime } from '../core/schedule';
import { STORAGE_KEYS, backoffMultiplier, loadHealth } from '../engine';
import { nextCronTime, nextCronTimes } from '../settings/cron';
import type { SchedulePreview } from '../shared/resolver-contract';

/**
 * The next three run times of an interval or cron expression, or why the expression is invalid.
 * They count from the last scheduled start and the failure back-off, as the tick and the status's
 * "next run due" do, so the list and that time never disagree.
 */
export async function schedulePreview(
  deps: Pick<AppDeps, 'kv' | 'clock'>,
  interval: string | undefined,
  cron: string | undefined,
): Promise<SchedulePreview> {
  const now = deps.clock.now();
  try {
    const lastStart = await deps.kv.get<number>(STORAGE_KEYS.lastScheduledStart);
    const backoff = backoffMultiplier((await loadHealth(deps.kv)).consecutiveFailures);
    if (cron) {
      const first = Math.max(now, nextRunTime(lastStart, { enabled: true, cron }, nextCronTime, backoff) ?? now);
      return {
        valid: true,
        nextRuns: first === now ? nextCronTimes(cron, now, 3) : [first, ...nextCronTimes(cron, first, 2)],
        error: null,
      };
    }
    const key = (interval ?? '1h') as keyof typeof INTERVAL_MINUTES;
    const step = INTERVAL_MINUTES[key] * 60_000;
    const first = Math.max(now, nextRunTime(lastStart, { enabled: true, interval: key }, nextCronTime, backoff) ?? now);
    return { valid: true, nextRuns: [0, 1, 2].map((i) => first + i * step), error: null };
  } catch (error) {
    return { valid: false, nextRuns: [], error: describeError(error) };
  }
}
