import type { UserExplanation } from '../../src/shared/resolver-contract';
import { runScenario } from '../../dev/scenario/run-scenario';
import { DEMO_ADMIN, demoScenario, startRig } from '../helpers';

/** Issue 17 item 1: a change Jira refuses is reported as failed, with why, in every view. */
describe('failed writes are reported as failed, never as done', () => {
  it('one refused add: the run is failed (changes-failed), the change and the user say failed and why', async () => {
    const scenario = demoScenario();
    scenario.faults = [
      {
        service: 'jira',
        path: '/rest/api/3/group/user',
        method: 'POST',
        status: 400,
        times: 1,
        body: { errorMessages: ['The user cannot be added.'], errors: {} },
      },
    ];
    const { report } = await runScenario(scenario);
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('changes-failed');
    expect(report.error?.message).toMatch(/^1 changes failed/);
    const failed = report.changes.filter((c) => c.result === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.error?.message).toBeTruthy();
    const user = report.users.find((u) => u.identifier === failed[0]?.email);
    expect(user?.outcome).toBe('failed');
    expect(user?.reason).toContain(`Adding to ${failed[0]?.group} failed`);
    // The other adds were applied and their users say so.
    expect(report.changes.filter((c) => c.op === 'addMember' && c.result === 'applied').length).toBeGreaterThan(0);
    expect(report.users.filter((u) => u.outcome === 'added').length).toBeGreaterThan(0);
    expect(report.jiraAfter.groups[failed[0]?.group ?? '']).not.toContain(failed[0]?.email);
  });

  it('a refused group create fails the create and every add to that group, and their users', async () => {
    const scenario = demoScenario();
    scenario.faults = [{ service: 'jira', path: '/rest/api/3/group', method: 'POST', status: 400, times: 1 }];
    const { report } = await runScenario(scenario);
    expect(report.status).toBe('failed');
    expect(report.changes.find((c) => c.op === 'createGroup')).toMatchObject({
      group: 'entra-Engineering',
      result: 'failed',
    });
    const adds = report.changes.filter((c) => c.op === 'addMember' && c.group === 'entra-Engineering');
    expect(adds.length).toBe(6);
    expect(adds.every((c) => c.result === 'failed' && c.error?.code === 'group-not-created')).toBe(true);
    for (const add of adds) expect(report.users.find((u) => u.identifier === add.email)?.outcome).toBe('failed');
    expect(report.users.some((u) => u.outcome === 'added')).toBe(false);
  });

  it('the per-user log, the run and "Explain a user" agree with the changes list', async () => {
    const scenario = demoScenario();
    scenario.faults = [{ service: 'jira', path: '/rest/api/3/group', method: 'POST', status: 400, times: 1 }];
    const h = await startRig(scenario);
    try {
      const admin = { accountId: DEMO_ADMIN };
      const started = await h.app.resolve('syncNow', {}, admin);
      if (!started.ok) throw new Error(started.error.message);
      await h.drain();
      const runId = (started.data as { id: string }).id;
      const log = await h.app.resolve('getRunLog', { runId, text: 'alice' }, admin);
      expect(log.ok && (log.data as { users: Array<{ outcome: string }> }).users[0]?.outcome).toBe('failed');
      const explained = await h.app.resolve('explainUser', { query: 'alice@contoso.com' }, admin);
      const answer = (explained.ok ? explained.data : null) as UserExplanation | null;
      expect(answer?.user?.outcome).toBe('failed');
      expect(answer?.steps.find((s) => s.kind === 'change')).toMatchObject({ ok: false });
      const status = await h.app.resolve('getStatus', {}, admin);
      expect(status.ok && (status.data as { lastSuccessAt: number | null }).lastSuccessAt).toBeNull();
    } finally {
      await h.close();
    }
  });
});
