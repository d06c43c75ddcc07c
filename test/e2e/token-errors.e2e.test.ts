import { runScenario } from '../../dev/scenario/run-scenario';
import type { Scenario } from '../../dev/scenario/scenario';
import type { RunDetail, StatusView } from '../../src/shared/resolver-contract';
import { DEMO_ADMIN, demoScenario, startRig } from '../helpers';

const settings = demoScenario().settings;

function withApp(app: NonNullable<Scenario['entra']['app']>): Scenario {
  const scenario = demoScenario();
  scenario.entra.app = app;
  return scenario;
}

/** Each named Entra token failure reaches the scenario report's error, and nothing changes in Jira. */
describe('token errors end to end', () => {
  it.each([
    [
      'a wrong secret (or the secret ID pasted instead of its value)',
      { clientSecret: 'not-the-real-secret-value' },
      'secret-invalid',
      /secret/i,
    ],
    ['an expired secret', { secretEndDateTime: '2020-01-01T00:00:00Z' }, 'secret-expired', /expired/i],
    [
      'an app registration missing from the tenant',
      { clientId: 'ffffffff-0000-4000-8000-000000000000' },
      'app-not-found',
      /client ID|tenant/i,
    ],
    [
      'a tenant that does not exist in this cloud',
      { tenantId: 'eeeeeeee-0000-4000-8000-000000000000' },
      'tenant-not-found',
      /tenant/i,
    ],
  ])('%s fails the run with its named error', async (_name, app, code, message) => {
    const { report } = await runScenario(withApp(app));
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe(code);
    expect(report.error?.message).toMatch(message);
    expect(report.error?.message).not.toContain(String(settings.clientSecret));
    expect(report.calls.jiraWrites).toBe(0);
  });

  it('a Graph permission that was never granted fails the run with the permission named', async () => {
    const { report } = await runScenario(withApp({ roles: ['User.Read.All'] }));
    expect(report.error?.code).toBe('graph-permission-missing');
    expect(report.error?.message).toContain('GroupMember.Read.All');
    expect(report.calls.jiraWrites).toBe(0);
  });

  it('warns 30 days before the secret expires, in the run record and the status banner', async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const h = await startRig(
      withApp({ roles: ['User.Read.All', 'GroupMember.Read.All', 'Application.Read.All'], secretEndDateTime: soon }),
    );
    try {
      await h.app.resolve('syncNow', {}, { accountId: DEMO_ADMIN });
      await h.drain();
      const run = (await h.app.resolve('getRun', {}, { accountId: DEMO_ADMIN })) as { ok: true; data: RunDetail };
      expect(run.data.status).toBe('succeeded');
      expect(run.data.warnings.join(' ')).toMatch(/expires in (9|10) days/);
      const status = (await h.app.resolve('getStatus', {}, { accountId: DEMO_ADMIN })) as {
        ok: true;
        data: StatusView;
      };
      expect(status.data.alerts).toContainEqual(expect.objectContaining({ code: 'secret-expiring', level: 'warning' }));
      expect(status.data.secretExpiry).toMatchObject({ readable: true, endDateTime: soon });
    } finally {
      await h.close();
    }
  });

  it('says why the expiry cannot be read without Application.Read.All', async () => {
    const h = await startRig();
    try {
      await h.app.resolve('syncNow', {}, { accountId: DEMO_ADMIN });
      await h.drain();
      const status = (await h.app.resolve('getStatus', {}, { accountId: DEMO_ADMIN })) as {
        ok: true;
        data: StatusView;
      };
      expect(status.data.secretExpiry).toMatchObject({
        readable: false,
        message: expect.stringContaining('Application.Read.All'),
      });
    } finally {
      await h.close();
    }
  });
});
