import { estimateDayCost, scheduledRunsPerDay } from '../../../src/core/day-cost';
import { membershipReadPoints, objectsIn, requestPoints } from '../../../src/core/jira-points';

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
