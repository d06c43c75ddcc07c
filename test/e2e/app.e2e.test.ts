import { STORAGE_KEYS } from '../../src/engine';
import type { RunDetail, RunSummary, SettingsView } from '../../src/shared/resolver-contract';
import type { Rig } from '../helpers';
import { DEMO_ADMIN, DEMO_MEMBER, demoScenario, startRig } from '../helpers';

const SECRET = String(demoScenario().settings.clientSecret);

describe('the app through its resolvers, tick and consumer', () => {
  let h: Rig;
  beforeEach(async () => {
    h = await startRig();
  });
  afterEach(() => h.close());

  const asAdmin = { accountId: DEMO_ADMIN };

  it('getSettings never returns the secret, only that it is set and its hint', async () => {
    const result = await h.app.resolve('getSettings', {}, asAdmin);
    expect(result.ok).toBe(true);
    const view = (result as { data: SettingsView }).data;
    expect(view.secrets.clientSecret).toEqual({ set: true, hint: `…${SECRET.slice(-4)}` });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('refuses a user who is not a Jira admin, on every resolver', async () => {
    for (const name of [
      'getSettings',
      'saveSettings',
      'testConnection',
      'preview',
      'syncNow',
      'getRun',
      'listRuns',
      'cancelRun',
    ]) {
      const result = await h.app.resolve(name, {}, { accountId: DEMO_MEMBER });
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    }
  });

  it('refuses an anonymous call and an unknown resolver', async () => {
    expect(await h.app.resolve('getSettings', {}, { accountId: undefined })).toMatchObject({
      ok: false,
      error: { code: 'not-signed-in' },
    });
    // As on Forge: @forge/resolver rejects a function key it has no definition for.
    await expect(h.app.resolve('dropTables', {}, asAdmin)).rejects.toThrow(
      "Resolver has no definition for 'dropTables'",
    );
  });

  it('validates payloads: unknown keys and bad settings are refused and nothing is stored', async () => {
    const before = await h.app.resolve('getSettings', {}, asAdmin);
    expect(await h.app.resolve('getRun', { runId: 'x', extra: 1 }, asAdmin)).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    const bad = await h.app.resolve(
      'saveSettings',
      { settings: { ...demoScenario().settings, tenantId: 'not a tenant', clientSecret: undefined } },
      asAdmin,
    );
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid-settings', message: expect.stringContaining('tenantId') },
    });
    expect(await h.app.resolve('getSettings', {}, asAdmin)).toEqual(before);
  });

  it('saving without a secret keeps the stored one', async () => {
    const { clientSecret: _omit, ...withoutSecret } = demoScenario().settings;
    const saved = await h.app.resolve(
      'saveSettings',
      { settings: { ...withoutSecret, groups: { ...withoutSecret.groups, namePrefix: 'sso-' } } },
      asAdmin,
    );
    expect(saved).toMatchObject({
      ok: true,
      data: { secrets: { clientSecret: { set: true } }, settings: { groups: { namePrefix: 'sso-' } } },
    });
  });

  it('testConnection proves the token, lists permissions and checks the write identity', async () => {
    const result = await h.app.resolve('testConnection', {}, asAdmin);
    expect(result).toMatchObject({
      ok: true,
      data: { token: { ok: true }, writeIdentity: { ok: true, accountId: DEMO_ADMIN } },
    });
    const permissions = (result as { data: { permissions: Array<{ permission: string; granted: boolean }> } }).data
      .permissions;
    expect(permissions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ permission: 'User.Read.All', granted: true }),
        expect.objectContaining({ permission: 'Application.Read.All', granted: false }),
      ]),
    );
  });

  it('testConnection reports a missing client secret without hiding the write identity’s health', async () => {
    await h.kv.deleteSecret(STORAGE_KEYS.clientSecret);
    const result = await h.app.resolve('testConnection', {}, asAdmin);
    expect(result).toMatchObject({
      ok: true,
      data: {
        token: { ok: false, error: { code: 'secret-missing' } },
        permissions: [],
        writeIdentity: { ok: true, accountId: DEMO_ADMIN },
      },
    });
  });

  it('Sync now runs through queue events to completion and getRun shows the result', async () => {
    const started = await h.app.resolve('syncNow', {}, asAdmin);
    expect(started).toMatchObject({ ok: true, data: { status: 'queued', mode: 'apply', trigger: 'manual' } });
    await h.drain();
    const run = (await h.app.resolve('getRun', {}, asAdmin)) as { ok: true; data: RunDetail };
    expect(run.data.status).toBe('succeeded');
    expect(run.data.counts).toMatchObject({ creates: 1, adds: 6, removals: 1, failed: 0 });
    expect(run.data.finishedAt).not.toBeNull();
  });

  it('one run at a time: a second Sync now and a scheduled tick both find the run in progress', async () => {
    expect((await h.app.resolve('syncNow', {}, asAdmin)).ok).toBe(true);
    expect(await h.app.resolve('syncNow', {}, asAdmin)).toMatchObject({
      ok: false,
      error: { code: 'run-in-progress' },
    });
    expect(await h.app.onScheduledTick()).toBe('run-in-progress');
    await h.drain();
    const runs = (await h.app.resolve('listRuns', {}, asAdmin)) as { ok: true; data: RunSummary[] };
    expect(runs.data).toHaveLength(1);
  });

  it('the scheduled tick starts a run when due, not again before the interval, and again after it', async () => {
    expect(await h.app.onScheduledTick()).toBe('started');
    await h.drain();
    expect(await h.app.onScheduledTick()).toBe('not-due');
    h.clock.advance(60 * 60_000);
    expect(await h.app.onScheduledTick()).toBe('started');
    await h.drain();
    const runs = (await h.app.resolve('listRuns', {}, asAdmin)) as { ok: true; data: RunSummary[] };
    expect(runs.data.map((r) => [r.trigger, r.status])).toEqual([
      ['scheduled', 'succeeded'],
      ['scheduled', 'succeeded'],
    ]);
  });

  it('cancel stops a run at the next step boundary', async () => {
    const started = (await h.app.resolve('syncNow', {}, asAdmin)) as { ok: true; data: RunSummary };
    expect(await h.app.resolve('cancelRun', { runId: started.data.id }, asAdmin)).toMatchObject({ ok: true });
    await h.drain();
    const run = (await h.app.resolve('getRun', { runId: started.data.id }, asAdmin)) as { ok: true; data: RunDetail };
    expect(run.data.status).toBe('cancelled');
    expect(h.jira.writeCount()).toBe(0);
    expect((await h.app.resolve('syncNow', {}, asAdmin)).ok).toBe(true);
  });

  it('no secret appears in any stored value or resolver answer after a full run', async () => {
    await h.app.resolve('syncNow', {}, asAdmin);
    await h.drain();
    const answers = await Promise.all(
      ['getSettings', 'getRun', 'listRuns', 'testConnection'].map((n) => h.app.resolve(n, {}, asAdmin)),
    );
    expect(JSON.stringify(answers)).not.toContain(SECRET);
    expect(JSON.stringify(h.kv.dump())).not.toContain(SECRET);
  });
});
