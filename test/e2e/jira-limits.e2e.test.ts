import { runScenario } from '../../dev/scenario/run-scenario';
import { demoScenario } from '../helpers';

/** Jira's points quota: a 429 with a quota reason pauses the run until the reset instead of failing it. */
describe('Jira rate limits end to end', () => {
  it('pauses on a points-quota 429 until its reset, then finishes with the same result', async () => {
    const calm = (await runScenario(demoScenario())).report;
    const scenario = demoScenario();
    scenario.faults = [
      {
        service: 'jira',
        path: '/rest/api/3/group/user',
        method: 'POST',
        status: 429,
        times: 1,
        after: 2,
        retryAfter: 1800,
        rateLimitReason: 'jira-quota-global-based',
      },
    ];
    const { report, run } = await runScenario(scenario);
    expect(report.status).toBe('succeeded');
    expect(report.jiraAfter).toEqual(calm.jiraAfter);
    expect(report.calls.jiraWrites).toBe(calm.calls.jiraWrites);
    // The pause is a delayed continuation: the run took at least the half hour Jira asked for.
    expect((run?.finishedAt ?? 0) - (run?.startedAt ?? 0)).toBeGreaterThanOrEqual(900_000);
  });

  it('waits out the quota as many times as it takes, never failing for the retry limit', async () => {
    const scenario = demoScenario();
    // More quota pauses than the engine's retry limit (12): each is a wait, not a failure.
    scenario.faults = [
      {
        service: 'jira',
        path: '/rest/api/3/group/user',
        method: 'POST',
        status: 429,
        times: 100,
        after: 1,
        retryAfter: 600,
        rateLimitReason: 'jira-quota-global-based',
      },
    ];
    const { report, run } = await runScenario(scenario);
    expect(report.status).toBe('succeeded');
    expect((run?.finishedAt ?? 0) - (run?.startedAt ?? 0)).toBeGreaterThanOrEqual(13 * 600_000);
  });

  it('survives a burst of 429s on writes by backing off', async () => {
    const scenario = demoScenario();
    scenario.faults = [
      {
        service: 'jira',
        path: '/rest/api/3/group/user',
        status: 429,
        times: 4,
        retryAfter: 1,
        rateLimitReason: 'jira-burst-based',
      },
    ];
    const { report, run } = await runScenario(scenario);
    expect(report.status).toBe('succeeded');
    expect(run?.calls.throttled).toBeGreaterThanOrEqual(1);
  });
});
