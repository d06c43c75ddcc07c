import { CronExpressionParser } from 'cron-parser';
import { SyncError } from '../core/errors';

/** Five-field cron in UTC (cron-parser: a maintained parser, rather than hand-written field logic). */
export function nextCronTime(cron: string, after: number): number {
  return CronExpressionParser.parse(cron, { currentDate: new Date(after), tz: 'UTC' })
    .next()
    .getTime();
}

/** The next `count` run times, for the admin page; throws `invalid-cron` with the parser's reason. */
export function nextCronTimes(cron: string, after: number, count: number): number[] {
  try {
    if (cron.trim().split(/\s+/).length !== 5)
      throw new Error('use five fields: minute hour day-of-month month day-of-week');
    const expression = CronExpressionParser.parse(cron, { currentDate: new Date(after), tz: 'UTC' });
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push(expression.next().getTime());
    if (times.length >= 2 && (times[1] as number) - (times[0] as number) < 5 * 60_000)
      throw new Error('runs must be at least 5 minutes apart (the scheduler ticks every 5 minutes)');
    return times;
  } catch (error) {
    throw new SyncError(
      'invalid-cron',
      `The cron expression "${cron.slice(0, 120)}" is not valid: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
}
