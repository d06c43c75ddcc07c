import { INTERVAL_MINUTES, isRunDue, nextRunTime } from '../../../src/core/schedule';

const HOUR = 3_600_000;
// A fake cron: every full hour after the given moment.
const hourly = (_cron: string, after: number) => Math.floor(after / HOUR) * HOUR + HOUR;

describe('nextRunTime', () => {
  it('is null when the schedule is off, and at once before the first run', () => {
    expect(nextRunTime(0, { enabled: false, interval: '5m' }, hourly)).toBeNull();
    expect(nextRunTime(undefined, { enabled: true, interval: '5m' }, hourly)).toBe(Number.NEGATIVE_INFINITY);
  });

  it.each(Object.entries(INTERVAL_MINUTES))(
    'a %s preset is due a minute early, for tick drift',
    (interval, minutes) => {
      expect(nextRunTime(1000, { enabled: true, interval: interval as keyof typeof INTERVAL_MINUTES }, hourly)).toBe(
        1000 + (minutes - 1) * 60_000,
      );
    },
  );

  it('defaults to hourly and multiplies the wait by the back-off', () => {
    expect(nextRunTime(0, { enabled: true }, hourly)).toBe(59 * 60_000);
    expect(nextRunTime(0, { enabled: true, interval: '15m' }, hourly, 4)).toBe(14 * 60_000 * 4);
  });

  it('follows the cron expression, and with back-off the cron time after the longer wait', () => {
    const last = 10 * HOUR + 20 * 60_000;
    expect(nextRunTime(last, { enabled: true, cron: '0 * * * *' }, hourly)).toBe(11 * HOUR);
    expect(nextRunTime(last, { enabled: true, cron: '0 * * * *' }, hourly, 1)).toBe(11 * HOUR);
    // First cron time is 40 minutes away; doubled, 80 minutes, and the cron time after that.
    expect(nextRunTime(last, { enabled: true, cron: '0 * * * *' }, hourly, 2)).toBe(12 * HOUR);
    // Exactly on a cron time after the wait: that time itself (the "- 1").
    expect(nextRunTime(10 * HOUR, { enabled: true, cron: '0 * * * *' }, hourly, 2)).toBe(12 * HOUR);
  });

  it('passes the cron expression through', () => {
    const seen: string[] = [];
    nextRunTime(0, { enabled: true, cron: '5 4 * * *' }, (cron, after) => (seen.push(cron), after + 1));
    expect(seen).toEqual(['5 4 * * *']);
  });
});

describe('isRunDue', () => {
  it('is due exactly when the next time has come', () => {
    const rule = { enabled: true, interval: '5m' as const };
    expect(isRunDue(4 * 60_000 - 1, 0, rule, hourly)).toBe(false);
    expect(isRunDue(4 * 60_000, 0, rule, hourly)).toBe(true);
    expect(isRunDue(8 * 60_000 - 1, 0, rule, hourly, 2)).toBe(false);
    expect(isRunDue(8 * 60_000, 0, rule, hourly, 2)).toBe(true);
  });

  it('is never due when off, and due at once before the first run', () => {
    expect(isRunDue(Number.MAX_SAFE_INTEGER, 0, { enabled: false }, hourly)).toBe(false);
    expect(isRunDue(0, undefined, { enabled: true }, hourly)).toBe(true);
  });
});
