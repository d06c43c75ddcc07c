import type {
  RunDetail,
  RunSummary,
  SchedulePreview,
  StatusView,
  UserExplanation,
} from '../../src/shared/resolver-contract';
import type { Rig } from '../helpers';
import { DEMO_ADMIN, scenarioFile, startRig } from '../helpers';

const admin = { accountId: DEMO_ADMIN };

async function call<T>(h: Rig, name: string, payload: unknown = {}): Promise<T> {
  const answer = await h.app.resolve(name, payload, admin);
  if (!answer.ok) throw new Error(`${name} failed: ${answer.error.code} ${answer.error.message}`);
  return answer.data as T;
}

describe('approving and discarding a run held by the circuit-breaker', () => {
  let h: Rig;
  beforeEach(async () => {
    h = await startRig(scenarioFile('removal-threshold'));
  });
  afterEach(() => h.close());

  async function heldRun(): Promise<RunSummary> {
    await call(h, 'syncNow');
    await h.drain();
    const status = await call<StatusView>(h, 'getStatus');
    expect(status.pendingApproval?.status).toBe('needs-approval');
    expect(status.alerts.map((a) => a.code)).toContain('needs-approval');
    expect(h.jira.writeCount()).toBe(0);
    return status.pendingApproval as RunSummary;
  }

  it('approve applies the staged plan, including its removals', async () => {
    const held = await heldRun();
    const followUp = await call<RunSummary>(h, 'approveRun', { runId: held.id });
    expect(followUp.approves).toBe(held.id);
    await h.drain();
    const done = await call<RunDetail>(h, 'getRun', { runId: followUp.id });
    expect(done.status).toBe('succeeded');
    expect(done.counts.removals).toBe(13);
    expect(h.jira.groups().find((g) => g.name === 'sales-team')?.members).toHaveLength(1);
    const resolved = await call<RunDetail>(h, 'getRun', { runId: held.id });
    expect(resolved.resolution).toMatchObject({ state: 'approved', by: DEMO_ADMIN, followUpRunId: followUp.id });
    expect((await call<StatusView>(h, 'getStatus')).pendingApproval).toBeNull();
  });

  it('an approval never covers removals the admin did not see', async () => {
    const held = await heldRun();
    // Ivan leaves Sales after the plan was staged: his removal is not in the approved plan.
    (h.graph as unknown as { removeMember(g: string, m: string): void }).removeMember(
      '10000000-0000-4000-8000-000000000005',
      '00000000-0000-4000-8000-000000000009',
    );
    const followUp = await call<RunSummary>(h, 'approveRun', { runId: held.id });
    await h.drain();
    const again = await call<RunDetail>(h, 'getRun', { runId: followUp.id });
    expect(again.status).toBe('needs-approval');
    expect(again.error?.message).toMatch(/changed since run/);
    expect(h.jira.writeCount()).toBe(0);
  });

  it('discard leaves Jira alone and clears the banner; a discarded run cannot be approved', async () => {
    const held = await heldRun();
    expect(await call<RunSummary>(h, 'discardRun', { runId: held.id })).toMatchObject({
      resolution: { state: 'discarded' },
    });
    expect((await call<StatusView>(h, 'getStatus')).pendingApproval).toBeNull();
    expect(await h.app.resolve('approveRun', { runId: held.id }, admin)).toMatchObject({
      ok: false,
      error: { code: 'run-already-resolved' },
    });
    expect(h.jira.writeCount()).toBe(0);
  });
});

describe('explain a user, schedule, export and import, paging', () => {
  let h: Rig;
  beforeAll(async () => {
    h = await startRig();
    await call(h, 'syncNow');
    await h.drain();
  });
  afterAll(() => h.close());

  it('explains a nested member step by step, with the nesting path and the applied change', async () => {
    const answer = await call<UserExplanation>(h, 'explainUser', { query: 'dan@contoso.com' });
    expect(answer.user).toMatchObject({ outcome: 'added', accountId: '5b10ac8d82e05b22cc7d0004' });
    expect(answer.groups[0]).toMatchObject({
      jiraGroup: 'entra-Engineering',
      path: ['Engineering', 'Backend', 'Platform'],
    });
    expect(answer.steps.map((s) => s.kind)).toEqual(['entra-user', 'scope', 'match', 'group', 'change']);
    expect(answer.steps.at(-1)?.title).toMatch(/Add to entra-Engineering: applied/);
  });

  it('explains why a user is excluded, and a user who is in no chosen group', async () => {
    expect((await call<UserExplanation>(h, 'explainUser', { query: 'grace' })).steps[1]).toMatchObject({
      kind: 'scope',
      ok: false,
      title: 'Not in scope (disabled)',
    });
    const outside = await call<UserExplanation>(h, 'explainUser', { query: 'nina' });
    expect(outside.user).toMatchObject({ displayName: 'Nina Novak', outcome: 'out-of-scope' });
    expect(outside.steps[1]).toMatchObject({ kind: 'scope', ok: false });
    const nobody = await call<UserExplanation>(h, 'explainUser', { query: 'nobody-at-all' });
    expect(nobody.user).toBeNull();
    expect(nobody.steps[0]).toMatchObject({ kind: 'search', ok: false });
  });

  it('lists several candidates when the query is ambiguous', async () => {
    const answer = await call<UserExplanation>(h, 'explainUser', { query: 'contoso.com' });
    expect(answer.candidates.length).toBeGreaterThan(1);
    expect(answer.user).toBeNull();
  });

  it('previews the next three schedule times and explains an invalid cron', async () => {
    const ok = await call<SchedulePreview>(h, 'previewSchedule', { cron: '0 */4 * * *' });
    expect(ok.valid).toBe(true);
    expect(ok.nextRuns).toHaveLength(3);
    expect((ok.nextRuns[1] as number) - (ok.nextRuns[0] as number)).toBe(4 * 3_600_000);
    const bad = await call<SchedulePreview>(h, 'previewSchedule', { cron: '61 * * * *' });
    expect(bad).toMatchObject({ valid: false, error: { code: 'invalid-cron' } });
    const tooOften = await call<SchedulePreview>(h, 'previewSchedule', { cron: '* * * * *' });
    expect(tooOften.error?.message).toMatch(/5 minutes/);
  });

  it('exports settings without secrets and imports them back; an import with a secret is refused', async () => {
    const exported = await call<{ settings: Record<string, unknown> }>(h, 'exportSettings');
    expect(JSON.stringify(exported)).not.toMatch(/clientSecret|apiToken"/);
    const imported = await call<{ settings: Record<string, unknown> }>(h, 'importSettings', {
      settings: { ...exported.settings, groups: { ...(exported.settings.groups as object), namePrefix: 'idp-' } },
    });
    expect(imported.settings).toMatchObject({ groups: { namePrefix: 'idp-' } });
    expect(
      await h.app.resolve('importSettings', { settings: { ...exported.settings, clientSecret: 'x' } }, admin),
    ).toMatchObject({ ok: false, error: { code: 'invalid-settings' } });
  });

  it('pages through a run’s changes and log with filters', async () => {
    const run = await call<RunDetail>(h, 'getRun');
    expect(run.totalChanges).toBe(run.changes.length);
    const adds = await call<{ total: number; changes: unknown[] }>(h, 'getRunChanges', {
      runId: run.id,
      op: 'addMember',
      limit: 2,
    });
    expect(adds.total).toBe(6);
    expect(adds.changes).toHaveLength(2);
    const notInJira = await call<{ total: number; users: Array<{ outcome: string }> }>(h, 'getRunLog', {
      runId: run.id,
      outcome: 'not-in-jira',
    });
    expect(notInJira.users.map((u) => u.outcome)).toEqual(['not-in-jira']);
  });

  it('searches Entra and Jira groups for the pickers, marking protected Jira groups', async () => {
    expect(await call<Array<{ name: string }>>(h, 'searchEntraGroups', { query: 'Eng' })).toEqual([
      expect.objectContaining({ name: 'Engineering' }),
    ]);
    const jira = await call<Array<{ name: string; protected: boolean }>>(h, 'searchJiraGroups', { query: 'jira' });
    expect(jira).toContainEqual(expect.objectContaining({ name: 'jira-software-users', protected: true }));
  });

  it('tells the page who is calling, names chosen groups, and reports field paths of invalid settings', async () => {
    expect(await call(h, 'getCaller')).toEqual({ accountId: DEMO_ADMIN, jiraAdmin: true, siteAdmin: true });
    expect(await call(h, 'getEntraGroups', { ids: ['10000000-0000-4000-8000-000000000005'] })).toEqual([
      { id: '10000000-0000-4000-8000-000000000005', name: 'Sales' },
    ]);
    const exported = await call<{ settings: Record<string, unknown> }>(h, 'exportSettings');
    const bad = await h.app.resolve(
      'saveSettings',
      {
        settings: {
          ...exported.settings,
          clientId: 'nope',
          scope: { ...(exported.settings.scope as object), domains: ['not a domain'] },
        },
      },
      admin,
    );
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-settings',
        fields: expect.arrayContaining([
          { path: 'clientId', message: expect.any(String) },
          { path: 'scope.domains.0', message: expect.any(String) },
        ]),
      },
    });
  });

  it('testConnection marks optional permissions and explains the unreadable secret expiry', async () => {
    const report = await call<{
      permissions: Array<{ permission: string; optional: boolean }>;
      secretExpiry: { readable: boolean; message: string };
    }>(h, 'testConnection');
    expect(report.permissions.find((p) => p.permission === 'Application.Read.All')?.optional).toBe(true);
    expect(report.permissions.find((p) => p.permission === 'User.Read.All')?.optional).toBe(false);
    expect(report.secretExpiry).toMatchObject({
      readable: false,
      message: expect.stringContaining('Application.Read.All'),
    });
  });
});
