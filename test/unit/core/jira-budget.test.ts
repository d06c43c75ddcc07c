import { estimateDayCost, scheduledRunsPerDay } from '../../../src/core/day-cost';
import { cycleDoneBy, CYCLE_MS, driftDueAt, driftSlice, effectiveCycle } from '../../../src/core/drift-repair';
import { membershipReadPoints, requestPoints } from '../../../src/core/jira-points';

const HOUR = 3_600_000;
const ids = (n: number) => Array.from({ length: n }, (_, i) => `g${String(i).padStart(3, '0')}`);

describe('Jira points of a request (jira-api.md §6.1)', () => {
  it('charges 1 a request and 2 an object a GET returns', () => {
    expect(requestPoints('GET', 200, [{}, {}, {}])).toBe(7);
    expect(requestPoints('GET', 200, { isLast: true, values: new Array(8).fill({}) })).toBe(17);
    expect(requestPoints('GET', 200, { groups: [{}, {}] })).toBe(5);
    expect(requestPoints('GET', 200, { permissions: { ADMINISTER: {}, USER_PICKER: {} } })).toBe(5);
    expect(requestPoints('GET', 200, { accountId: 'a' })).toBe(3);
    expect(requestPoints('GET', 200, undefined)).toBe(1);
  });
  it('charges writes and refusals the base point, throttled and unanswered requests nothing', () => {
    expect(requestPoints('POST', 201, { name: 'g' })).toBe(1);
    expect(requestPoints('DELETE', 204, undefined)).toBe(1);
    expect(requestPoints('GET', 404, { errorMessages: ['x'] })).toBe(1);
    expect(requestPoints('GET', 429, {})).toBe(0);
    expect(requestPoints('GET', 503, {})).toBe(0);
  });
  it('prices one read of every managed membership', () => {
    expect(membershipReadPoints(100, 2)).toBe(2 + 2 + 200);
    expect(membershipReadPoints(0, 3)).toBe(3);
  });
});

describe('drift repair slices', () => {
  const day = CYCLE_MS.daily;
  it('resolves auto to weekly when reads cost points and daily when exempt', () => {
    expect(effectiveCycle('auto', false)).toBe('weekly');
    expect(effectiveCycle('auto', true)).toBe('daily');
    expect(effectiveCycle('daily', false)).toBe('daily');
    expect(effectiveCycle('weekly', true)).toBe('weekly');
  });

  it('hourly runs read every group exactly once a cycle, spread evenly', () => {
    const groups = ids(48);
    let cursor = undefined as ReturnType<typeof driftSlice>['after'] | undefined;
    const read: string[] = [];
    const sizes: number[] = [];
    // Group i is due at i/48 of the day: the last one (23.5 h) is read by the run at 24 h.
    for (let hour = 0; hour <= 24; hour++) {
      const slice = driftSlice(groups, cursor, hour * HOUR, day);
      read.push(...slice.groupIds);
      sizes.push(slice.groupIds.length);
      cursor = slice.after;
    }
    expect(read).toEqual(groups);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    // The cycle is done: nothing more until it has lasted a day, then it starts again.
    const done = { ...cursor!, next: 48 };
    expect(driftSlice(groups, done, 23.5 * HOUR, day).groupIds).toEqual([]);
    expect(driftSlice(groups, done, 24 * HOUR, day).groupIds).toEqual(['g000']);
  });

  it('fewer groups than runs: a run reads a group only when one is due', () => {
    const groups = ids(3);
    let cursor = undefined as ReturnType<typeof driftSlice>['after'] | undefined;
    const perRun: number[] = [];
    for (let hour = 0; hour < 24; hour++) {
      const slice = driftSlice(groups, cursor, hour * HOUR, day);
      perRun.push(slice.groupIds.length);
      cursor = slice.after;
    }
    expect(perRun.reduce((a, b) => a + b, 0)).toBe(3);
    expect(perRun.filter((n) => n > 0)).toEqual([1, 1, 1]);
  });

  it('after a full run, group i is read again (i+1)/G of a cycle later, so none waits more than a cycle', () => {
    const groups = ids(4);
    const done = cycleDoneBy(0, 4, day);
    expect(driftSlice(groups, done, day / 4 - 1, day).groupIds).toEqual([]);
    expect(driftSlice(groups, done, day / 4, day).groupIds).toEqual(['g000']);
    const whole = driftSlice(groups, done, day, day);
    expect(whole.groupIds).toEqual(groups);
    // A cycle overdue by more than a cycle starts afresh from now.
    const late = driftSlice(groups, { cycleStartedAt: 0, next: 4 }, 10 * day, day);
    expect(late.groupIds).toEqual(['g000']);
    expect(late.after.cycleStartedAt).toBe(10 * day);
  });

  it('says when the next group falls due, so a run before then reads nothing from Jira', () => {
    expect(driftDueAt(undefined, 4, day)).toBe(Number.NEGATIVE_INFINITY);
    expect(driftDueAt({ cycleStartedAt: 0, next: 1 }, 4, day)).toBe(day / 4);
    expect(driftDueAt(cycleDoneBy(5, 4, day), 4, day)).toBe(5 + day / 4);
    expect(driftDueAt({ cycleStartedAt: 5, next: 4 }, 4, day)).toBe(5 + day);
    for (const now of [day / 4 - 1, day / 4]) {
      const slice = driftSlice(ids(4), { cycleStartedAt: 0, next: 1 }, now, day);
      expect(slice.groupIds.length > 0).toBe(now >= driftDueAt({ cycleStartedAt: 0, next: 1 }, 4, day));
    }
  });

  it('a run late inside its cycle catches up on every group due, in order, once', () => {
    const groups = ids(10);
    const first = driftSlice(groups, undefined, 0, day);
    const late = driftSlice(groups, first.after, day - 1, day);
    expect([...first.groupIds, ...late.groupIds]).toEqual(groups);
    expect(driftSlice([], undefined, 0, day)).toEqual({ groupIds: [], of: 0, after: { cycleStartedAt: 0, next: 0 } });
  });
});

describe('a day of the schedule in points', () => {
  const nextCron = (_cron: string, after: number) => (Math.floor(after / (6 * HOUR)) + 1) * 6 * HOUR;
  it('counts scheduled runs from the preset or the cron expression', () => {
    expect(scheduledRunsPerDay({ enabled: true, interval: '1h' }, 0, nextCron)).toBe(24);
    expect(scheduledRunsPerDay({ enabled: true, interval: '5m' }, 0, nextCron)).toBe(288);
    expect(scheduledRunsPerDay({ enabled: true, cron: '0 */6 * * *' }, 0, nextCron)).toBe(4);
    expect(scheduledRunsPerDay({ enabled: false, interval: '1h' }, 0, nextCron)).toBe(0);
  });
  it('adds the incremental runs and the drift repair share of its cycle', () => {
    const weekly = estimateDayCost({
      runsPerDay: 24,
      incrementalPoints: 10,
      managedMemberships: 7000,
      managedGroups: 10,
      cycle: 'weekly',
      exempt: false,
    });
    expect(weekly.incrementalPoints).toBe(240);
    expect(weekly.driftRepairPoints).toBe(Math.round((10 + 140 + 14_000) / 7));
    expect(weekly.totalPoints).toBe(weekly.incrementalPoints + weekly.driftRepairPoints);
    expect(weekly.basis).toMatch(/24 scheduled runs a day × 10 points/);
    const exempt = estimateDayCost({
      runsPerDay: 24,
      incrementalPoints: 0,
      managedMemberships: 7000,
      managedGroups: 10,
      cycle: 'daily',
      exempt: true,
    });
    expect(exempt.totalPoints).toBe(0);
    expect(exempt.basis).toMatch(/exempt/);
    expect(
      estimateDayCost({
        runsPerDay: 1,
        incrementalPoints: null,
        managedMemberships: 0,
        managedGroups: 0,
        cycle: 'daily',
        exempt: false,
      }).basis,
    ).toMatch(/no incremental run measured yet/);
  });
});
