import { runScenario } from '../../dev/scenario/run-scenario';
import { DEFAULT_LIMITS } from '../../src/engine';
import { demoScenario } from '../helpers';

/** Issue 17 item 10: a Jira that answers 429 forever gets a bounded number of requests in one run. */
describe('the retry budget of a run', () => {
  it.each([
    ['every Jira request', '/rest/api', undefined],
    ['every membership write', '/rest/api/3/group/user', 'POST'],
  ])(
    'a Jira that answers 429 forever to %s: the run fails as jira-rate-limited naming the wait',
    async (_what, path, method) => {
      const scenario = demoScenario();
      scenario.faults = [
        { service: 'jira', path, ...(method ? { method } : {}), status: 429, times: 1_000_000, retryAfter: 7 },
      ];
      const { report, run } = await runScenario(scenario, { limits: { maxThrottledPerRun: 40 } });
      expect(report.status).toBe('failed');
      expect(report.error?.code).toBe('jira-rate-limited');
      expect(report.error?.message).toContain('asked to wait 7 s');
      expect(report.error?.message).not.toMatch(/will retry|tries again/);
      // The budget, plus what the requests in flight when it ran out had left (12 writes × 5 attempts).
      expect(report.calls.jira).toBeLessThanOrEqual(40 + 12 * 5 + 20);
      expect(run?.calls.throttled).toBeGreaterThanOrEqual(40);
    },
  );

  it('a run that fails after its retries says they are over, never that it will retry (item 12)', async () => {
    const scenario = demoScenario();
    scenario.faults = [{ service: 'graph', path: '/v1.0/groups', status: 503, times: 1_000_000 }];
    const { report } = await runScenario(scenario, { limits: { maxRetries: 2 } });
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('graph-unavailable');
    expect(report.error?.message).not.toContain('will retry');
    expect(report.error?.message).toContain(
      'The run stopped after 3 attempts; start it again when the service recovers.',
    );
  });

  it('has a default that stops a 429 storm within a few hundred requests', () => {
    expect(DEFAULT_LIMITS.maxThrottledPerRun).toBe(300);
  });
});
