import { runScenario } from '../../dev/scenario/run-scenario';
import type { Scenario } from '../../dev/scenario/scenario';
import { DEMO_ADMIN, demoScenario, startRig } from '../helpers';

const SALES = '10000000-0000-4000-8000-000000000005';
const admin = { accountId: DEMO_ADMIN };

/** The demo tenant with its Sales group emptied in Entra: sales-team (2 members) would lose both. */
function emptiedSales(): Scenario {
  const scenario = demoScenario();
  const sales = scenario.entra.groups.find((g) => g.id === SALES);
  if (sales) sales.members = [];
  // Both run-wide limits are loose enough to let two removals through.
  scenario.settings.removals = { enabled: true, maxPerRun: 10, maxPercent: 100 };
  return scenario;
}

/** Issue 17 item 3: a small group cannot be emptied without approval under the run-wide limits. */
describe('per-group removal guards end to end', () => {
  it('holds a run whose chosen group reads empty while its Jira group has members', async () => {
    const { report } = await runScenario(emptiedSales());
    expect(report.status).toBe('needs-approval');
    expect(report.error?.code).toBe('group-removal-guard');
    expect(report.error?.message).toContain('sales-team would lose all 2 members');
    expect(report.jiraAfter.groups['sales-team']).toEqual(['grace@contoso.com', 'ivan@contoso.com']);
    expect(report.calls.jiraWrites).toBe(0);
  });

  it('holds a group that loses more than its percentage, and passes when the setting allows it', async () => {
    const scenario = demoScenario();
    const sales = scenario.entra.groups.find((g) => g.id === SALES);
    if (sales) sales.members = sales.members.filter((id) => id !== '00000000-0000-4000-8000-000000000012');
    scenario.settings.removals = { enabled: true, maxPerRun: 10, maxPercent: 100, maxGroupPercent: 40 };
    const held = (await runScenario(scenario)).report;
    expect(held.status).toBe('needs-approval');
    expect(held.error?.message).toContain(
      'sales-team would lose 1 of its 2 members (50.0%, over the 40% per-group limit)',
    );
    scenario.settings.removals = { enabled: true, maxPerRun: 10, maxPercent: 100, maxGroupPercent: 50 };
    expect((await runScenario(scenario)).report.status).toBe('succeeded');
  });

  it('approving the held run applies the removals; the setting survives export and import', async () => {
    const h = await startRig(emptiedSales());
    try {
      const started = await h.app.resolve('syncNow', {}, admin);
      if (!started.ok) throw new Error(started.error.message);
      await h.drain();
      const approved = await h.app.resolve('approveRun', { runId: (started.data as { id: string }).id }, admin);
      expect(approved.ok).toBe(true);
      await h.drain();
      expect(h.jira.groups().find((g) => g.name === 'sales-team')?.members).toEqual([]);

      const exported = await h.app.resolve('exportSettings', {}, admin);
      const settings = (exported.ok ? (exported.data as { settings: unknown }).settings : {}) as {
        removals: Record<string, unknown>;
      };
      expect(settings.removals.maxGroupPercent).toBe(50);
      settings.removals.maxGroupPercent = 20;
      expect((await h.app.resolve('importSettings', { settings }, admin)).ok).toBe(true);
      const again = await h.app.resolve('exportSettings', {}, admin);
      expect(again.ok && (again.data as { settings: typeof settings }).settings.removals.maxGroupPercent).toBe(20);
      settings.removals.maxGroupPercent = 150;
      const refused = await h.app.resolve('importSettings', { settings }, admin);
      expect(!refused.ok && refused.error.fields?.map((f) => f.path)).toEqual(['removals.maxGroupPercent']);
    } finally {
      await h.close();
    }
  });
});
