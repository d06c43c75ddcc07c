import { estimateDayCost, scheduledRunsPerDay } from '../../../src/core/day-cost';
import { membershipReadPoints, requestPoints } from '../../../src/core/jira-points';

const HOUR = 3_600_000;

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
