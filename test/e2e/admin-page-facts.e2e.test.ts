import type {
  ConnectionReport,
  GroupTargetView,
  RunDetail,
  RunSummary,
  SchedulePreview,
  SettingsView,
  StatusView,
} from '../../src/shared/resolver-contract';
import type { Rig } from '../helpers';
import { DEMO_ADMIN, scenarioFile, startRig } from '../helpers';

/** The facts the admin page shows that the resolvers must get right: writes done, who decided, group states, secrets tried first. */

const admin = { accountId: DEMO_ADMIN };
const ENGINEERING = { id: '10000000-0000-4000-8000-000000000001', name: 'Engineering' };

async function call<T>(h: Rig, name: string, payload: unknown = {}): Promise<T> {
  const answer = await h.app.resolve(name, payload, admin);
  if (!answer.ok) throw new Error(`${name} failed: ${answer.error.code} ${answer.error.message}`);
  return answer.data as T;
}

describe('held runs: who decided, and a later run supersedes them visibly', () => {
  let h: Rig;
  beforeEach(async () => {
    h = await startRig(scenarioFile('removal-threshold'));
  });
  afterEach(() => h.close());

  it('a Sync now started while a run is held marks it superseded, naming who started the new run', async () => {
    const held = await call<RunSummary>(h, 'syncNow');
    await h.drain();
    expect((await call<StatusView>(h, 'getStatus')).pendingApproval?.id).toBe(held.id);
    const next = await call<RunSummary>(h, 'syncNow');
    const superseded = await call<RunDetail>(h, 'getRun', { runId: held.id });
    expect(superseded.resolution).toMatchObject({
      state: 'superseded',
      by: DEMO_ADMIN,
      byName: 'Site Admin',
      followUpRunId: next.id,
    });
    await h.drain();
    expect((await call<StatusView>(h, 'getStatus')).pendingApproval?.id).toBe(next.id);
  });

  it('the approver is named, and a held run counts nothing as applied', async () => {
    await call(h, 'syncNow');
    await h.drain();
    const held = (await call<StatusView>(h, 'getStatus')).pendingApproval as RunSummary;
    expect(held.applied).toEqual({ creates: 0, adds: 0, removals: 0 });
    const detail = await call<RunDetail>(h, 'getRun', { runId: held.id });
    expect(detail.writes.done).toBe(0);
    expect(detail.writes.planned).toBeGreaterThan(10);
    await call(h, 'approveRun', { runId: held.id });
    expect((await call<RunDetail>(h, 'getRun', { runId: held.id })).resolution).toMatchObject({
      state: 'approved',
      by: DEMO_ADMIN,
      byName: 'Site Admin',
    });
  });
});

describe('writes done of writes planned, and applied counts', () => {
  let h: Rig;
  beforeAll(async () => {
    h = await startRig();
  });
  afterAll(() => h.close());

  it('a preview plans writes and applies none; a sync applies each planned write and records it', async () => {
    const preview = await call<RunSummary>(h, 'preview');
    await h.drain();
    const planned = await call<RunDetail>(h, 'getRun', { runId: preview.id });
    expect(planned.writes).toEqual({ planned: 8, done: 0, failed: 0, applied: { creates: 0, adds: 0, removals: 0 } });
    expect(planned.applied).toBeUndefined();

    const sync = await call<RunSummary>(h, 'syncNow');
    await h.drain();
    const done = await call<RunDetail>(h, 'getRun', { runId: sync.id });
    expect(done.writes).toEqual({ planned: 8, done: 8, failed: 0, applied: { creates: 1, adds: 6, removals: 1 } });
    expect(done.applied).toEqual({ creates: 1, adds: 6, removals: 1 });
    const listed = (await call<RunSummary[]>(h, 'listRuns')).find((r) => r.id === sync.id);
    expect(listed?.applied).toEqual({ creates: 1, adds: 6, removals: 1 });
  });

  it('the group the app created reads as managed, not as a conflict; an unknown one as not created yet', async () => {
    const rules = { mapping: [], namePrefix: 'entra-', createMissing: true };
    const [engineering, other] = await call<GroupTargetView[]>(h, 'getGroupTargets', {
      groups: [ENGINEERING, { id: '10000000-0000-4000-8000-0000000000ff', name: 'Nowhere' }],
      ...rules,
    });
    expect(engineering).toMatchObject({
      jiraGroup: 'entra-Engineering',
      state: 'managed',
      createdByApp: true,
      explicit: false,
    });
    expect(other).toMatchObject({ jiraGroup: 'entra-Nowhere', state: 'create', createdByApp: false });
  });

  it('the schedule preview starts where the status says the next run is due', async () => {
    await h.app.onScheduledTick();
    const status = await call<StatusView>(h, 'getStatus');
    const preview = await call<SchedulePreview>(h, 'previewSchedule', { interval: '1h' });
    expect(status.nextScheduledRunAt).not.toBeNull();
    expect(preview.nextRuns[0]).toBe(status.nextScheduledRunAt);
    expect((preview.nextRuns[1] ?? 0) - (preview.nextRuns[0] ?? 0)).toBe(3_600_000);
  });
});

describe('before any sync', () => {
  let h: Rig;
  beforeAll(async () => {
    h = await startRig();
  });
  afterAll(() => h.close());

  it('an existing Jira group of the default name that the app does not manage is a conflict', async () => {
    const [conflict] = await call<GroupTargetView[]>(h, 'getGroupTargets', {
      groups: [{ id: ENGINEERING.id, name: 'team' }],
      mapping: [],
      namePrefix: 'sales-',
      createMissing: true,
    });
    expect(conflict).toMatchObject({ jiraGroup: 'sales-team', state: 'conflict', createdByApp: false });
  });

  it('testing a mistyped secret reports it and keeps the working one', async () => {
    const before = await call<SettingsView>(h, 'getSettings');
    const settings = { ...(before.settings as Record<string, unknown>), clientSecret: 'mistyped~Secret-000000000000' };
    const report = await call<ConnectionReport>(h, 'testConnection', { settings });
    expect(report.token).toMatchObject({ ok: false, error: { code: 'secret-invalid' } });
    const after = await call<SettingsView>(h, 'getSettings');
    expect(after.secrets.clientSecret).toEqual(before.secrets.clientSecret);
    expect((await call<ConnectionReport>(h, 'testConnection')).token.ok).toBe(true);
  });
});
