import { estimateDayCost, scheduledRunsPerDay } from '../../../src/core/day-cost';
import { CYCLE_MS, driftDueAt, driftSlice } from '../../../src/core/drift-repair';
import { membershipReadPoints, objectsIn, requestPoints } from '../../../src/core/jira-points';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 30);

describe('Jira points at their boundaries', () => {
  it('charges a 499 its base point and a 500 nothing', () => {
    expect(requestPoints('POST', 499, null)).toBe(1);
    expect(requestPoints('POST', 500, null)).toBe(0);
  });

  it('charges objects only for a 2xx GET (a 300 or a 404 is the base point)', () => {
    expect(requestPoints('GET', 299, [{}, {}])).toBe(5);
    expect(requestPoints('GET', 300, [{}, {}])).toBe(1);
    expect(requestPoints('GET', 404, [{}, {}])).toBe(1);
  });

  it('counts no object in an empty answer, one in an object or a primitive', () => {
    expect(objectsIn(null)).toBe(0);
    expect(objectsIn(undefined)).toBe(0);
    expect(objectsIn('text')).toBe(1);
    expect(objectsIn({ accountId: 'a' })).toBe(1);
  });

  it('counts permission entries only when permissions is an object', () => {
    expect(objectsIn({ permissions: { ADMINISTER: {}, BROWSE: {} } })).toBe(2);
    expect(objectsIn({ permissions: 'abc' })).toBe(1);
  });
});

describe('drift repair slices at their boundaries', () => {
  it('a weekly cycle is seven days', () => {
    expect(CYCLE_MS.daily).toBe(DAY);
    expect(CYCLE_MS.weekly).toBe(7 * DAY);
  });

  it('reads groups in sorted order whatever the order given', () => {
    expect(driftSlice(['c', 'a', 'b'], { cycleStartedAt: T0, next: 0 }, T0 + DAY - 1, DAY).groupIds).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('a cycle in progress reads the groups due since its position, not a new cycle', () => {
    const slice = driftSlice(['a', 'b', 'c'], { cycleStartedAt: T0, next: 1 }, T0 + DAY / 2, DAY);
    expect(slice).toEqual({ groupIds: ['b'], of: 3, after: { cycleStartedAt: T0, next: 2 } });
  });

  it('a finished cycle waits until it has lasted a whole cycle', () => {
    const slice = driftSlice(['a', 'b', 'c'], { cycleStartedAt: T0, next: 3 }, T0 + DAY - 1, DAY);
    expect(slice).toEqual({ groupIds: [], of: 3, after: { cycleStartedAt: T0, next: 3 } });
  });

  it('a finished cycle starts the next one a cycle after it started, or now when overdue by more than a cycle', () => {
    const onTime = driftSlice(['a', 'b', 'c'], { cycleStartedAt: T0, next: 3 }, T0 + 1.5 * DAY, DAY);
    expect(onTime).toEqual({ groupIds: ['a', 'b'], of: 3, after: { cycleStartedAt: T0 + DAY, next: 2 } });
    const overdue = driftSlice(['a', 'b', 'c'], { cycleStartedAt: T0, next: 3 }, T0 + 2.5 * DAY, DAY);
    expect(overdue).toEqual({ groupIds: ['a'], of: 3, after: { cycleStartedAt: T0 + 2.5 * DAY, next: 1 } });
    const justOverdue = driftSlice(['a', 'b', 'c'], { cycleStartedAt: T0, next: 3 }, T0 + 2 * DAY, DAY);
    expect(justOverdue.after.cycleStartedAt).toBe(T0 + 2 * DAY);
  });

  it('with no managed group the cursor keeps its cycle start', () => {
    expect(driftSlice([], { cycleStartedAt: T0, next: 0 }, T0 + 1.5 * DAY, DAY)).toEqual({
      groupIds: [],
      of: 0,
      after: { cycleStartedAt: T0, next: 0 },
    });
  });

  it('reads nothing before a cycle that starts later (just after a full run)', () => {
    expect(driftSlice(['a', 'b', 'c'], { cycleStartedAt: T0 + DAY, next: 0 }, T0, DAY)).toEqual({
      groupIds: [],
      of: 3,
      after: { cycleStartedAt: T0 + DAY, next: 0 },
    });
  });

  it('the next group of a finished, empty or shrunken cycle falls due a whole cycle after it started', () => {
    expect(driftDueAt({ cycleStartedAt: T0, next: 0 }, 0, DAY)).toBe(T0 + DAY);
    expect(driftDueAt({ cycleStartedAt: T0, next: 3 }, 3, DAY)).toBe(T0 + DAY);
    expect(driftDueAt({ cycleStartedAt: T0, next: 5 }, 3, DAY)).toBe(T0 + DAY);
    expect(driftDueAt({ cycleStartedAt: T0, next: 1 }, 3, DAY)).toBe(T0 + DAY / 3);
  });
});

describe('a day of the schedule at its boundaries', () => {
  it('a preset schedule without an interval runs hourly', () => {
    expect(scheduledRunsPerDay({ enabled: true }, T0, () => T0)).toBe(24);
  });

  it('a cron schedule counts at most 288 runs a day (the tick runs every five minutes)', () => {
    const everyMinute = (_cron: string, after: number) => after + 60_000;
    expect(scheduledRunsPerDay({ enabled: true, cron: '* * * * *' }, T0, everyMinute)).toBe(288);
  });

  it('says what a daily and a weekly cycle read, in the basis', () => {
    const input = { runsPerDay: 24, incrementalPoints: 10, managedMemberships: 1000, managedGroups: 10, exempt: false };
    const read = membershipReadPoints(1000, 10).toLocaleString('en-US');
    expect(estimateDayCost({ ...input, cycle: 'daily' }).basis).toBe(
      `24 scheduled runs a day × 10 points (recent incremental runs) + one read of 1,000 memberships in 10 managed groups (${read} points a day).`,
    );
    expect(estimateDayCost({ ...input, cycle: 'weekly' }).basis).toBe(
      `24 scheduled runs a day × 10 points (recent incremental runs) + one seventh of one read of 1,000 memberships in 10 managed groups (${read} points a week).`,
    );
  });
});
