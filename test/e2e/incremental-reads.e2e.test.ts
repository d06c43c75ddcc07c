import { applyChurn, applyChurnLive, makeChurn } from '../../bench/churn';
import type { GraphMutations } from '../../bench/churn';
import { BENCH_ADMIN, generateTenant, groupsFor, TENANT_PRESETS } from '../../bench/tenant-generator';
import type { Scenario } from '../../dev/scenario/scenario';
import { STORAGE_KEYS } from '../../src/engine';
import type { SnapshotMeta } from '../../src/engine/state/snapshot';
import type { RunSummary } from '../../src/shared/resolver-contract';
import type { Rig } from '../helpers';
import { startRig } from '../helpers';

/** A full run (Sync now) or the hourly schedule's run; returns its ID once it ended. */
async function runOnce(h: Rig, kind: 'full' | 'scheduled'): Promise<RunSummary> {
  if (kind === 'full') await h.app.resolve('syncNow', {}, { accountId: BENCH_ADMIN });
  else {
    h.clock.advance(61 * 60_000);
    expect(await h.app.onScheduledTick()).toBe('started');
  }
  await h.drain();
  return ((await h.app.resolve('listRuns', {}, { accountId: BENCH_ADMIN })) as { ok: true; data: RunSummary[] })
    .data[0]!;
}

/** What a run planned, as stored: every change and every user's outcome, in order (results left out). */
async function planOf(h: Rig, runId: string): Promise<unknown[]> {
  const items: unknown[] = [];
  for (const kind of ['plan', 'user-outcomes']) {
    const prefix = STORAGE_KEYS.runData(runId, kind);
    for (const key of (await h.kv.listKeys(prefix)).sort())
      for (const item of (await h.kv.get<Array<Record<string, unknown>>>(key)) ?? []) {
        const { result: _result, error: _error, ...decision } = item;
        items.push({ kind, ...decision });
      }
  }
  return items;
}

/** Makes the stored snapshot one saved before the user index (as an older version of the app left it). */
async function dropUserIndex(h: Rig): Promise<void> {
  const { userIndexBuckets: _buckets, ...older } = (await h.kv.get<SnapshotMeta>(STORAGE_KEYS.snapshotMeta))!;
  await h.kv.set(STORAGE_KEYS.snapshotMeta, older);
}

/** Counts the values read while `work` runs: user-index buckets, and values (and bytes) of the stored base run's users and member pages. */
async function readsDuring(h: Rig, work: () => Promise<unknown>) {
  const { baseRunId } = (await h.kv.get<SnapshotMeta>(STORAGE_KEYS.snapshotMeta))!;
  const stored = ['entra-users', 'entra-members'].map((kind) => STORAGE_KEYS.runData(baseRunId, kind));
  const counted = { indexBuckets: 0, baseValues: 0, baseBytes: 0 };
  const get = h.kv.get.bind(h.kv);
  h.kv.get = async <T>(key: string) => {
    const value = await get<T>(key);
    if (key.startsWith('snapshot:v1:user-index:')) counted.indexBuckets++;
    if (stored.some((prefix) => key.startsWith(prefix))) {
      counted.baseValues++;
      counted.baseBytes += Buffer.byteLength(JSON.stringify(value ?? null));
    }
    return value;
  };
  try {
    await work();
  } finally {
    h.kv.get = get;
  }
  return counted;
}

/** A realistic tenant whose hourly schedule runs the incremental runs. */
function tenant(users: number, seed: number) {
  const generated = generateTenant({ ...TENANT_PRESETS.realistic, users, groups: groupsFor(users), seed });
  const { settings } = generated.scenario;
  return {
    ...generated,
    scenario: {
      ...generated.scenario,
      settings: { ...settings, schedule: { enabled: true, interval: '1h' as const } },
    },
  };
}

describe('incremental runs read only the stored state their changes need (user index)', () => {
  const rigs: Rig[] = [];
  afterEach(async () => {
    for (const h of rigs.splice(0)) await h.close();
  });

  it('plans exactly what the whole-state read plans, run after run of churn (new, leaving, joining, disabled and deleted users)', async () => {
    const generated = tenant(800, 21);
    let scenario: Scenario = generated.scenario;
    const indexed = await startRig(scenario);
    const whole = await startRig(scenario);
    rigs.push(indexed, whole);
    for (const h of [indexed, whole]) expect((await runOnce(h, 'full')).status).toBe('succeeded');
    await dropUserIndex(whole);
    let next = generated.nextUserIndex;
    for (let round = 0; round < 3; round++) {
      const ops = makeChurn(scenario, { seed: 100 + round, rate: 0.03, nextUserIndex: next });
      next += ops.length;
      scenario = applyChurn(scenario, ops);
      for (const h of [indexed, whole]) await applyChurnLive(h.graph as unknown as GraphMutations, ops);
      const [a, b] = [await runOnce(indexed, 'scheduled'), await runOnce(whole, 'scheduled')];
      expect([a.kind, a.status, b.kind, b.status]).toEqual(['incremental', 'succeeded', 'incremental', 'succeeded']);
      const plan = await planOf(indexed, a.id);
      expect(plan.length).toBeGreaterThan(ops.length);
      expect(await planOf(whole, b.id)).toEqual(plan);
    }
    // The older snapshot stays without the index (read whole, truthfully) until a full run writes one.
    expect((await whole.kv.get<SnapshotMeta>(STORAGE_KEYS.snapshotMeta))!.userIndexBuckets).toBeUndefined();
    expect((await indexed.kv.get<SnapshotMeta>(STORAGE_KEYS.snapshotMeta))!.userIndexBuckets).toBeGreaterThan(0);
    expect(indexed.jira.groups().map((g) => [g.name, [...g.members].sort()])).toEqual(
      whole.jira.groups().map((g) => [g.name, [...g.members].sort()]),
    );
  }, 300_000);

  it('a run with a few changed users at 4,000 users reads a few index buckets, not the stored snapshot', async () => {
    const { scenario } = tenant(4_000, 5);
    const indexed = await startRig(scenario);
    const whole = await startRig(scenario);
    rigs.push(indexed, whole);
    for (const h of [indexed, whole]) expect((await runOnce(h, 'full')).status).toBe('succeeded');
    await dropUserIndex(whole);
    // Two users change without a membership change (no group is read again): one disabled, one renamed.
    const [u1, u2] = scenario.entra.users.filter((u) => u.accountEnabled && u.mail);
    const counts = [];
    for (const h of [indexed, whole]) {
      const graph = h.graph as unknown as GraphMutations;
      graph.updateUser(u1!.id, { accountEnabled: false });
      graph.updateUser(u2!.id, { displayName: 'Renamed User' });
      counts.push(await readsDuring(h, async () => expect((await runOnce(h, 'scheduled')).kind).toBe('incremental')));
    }
    const [withIndex, withoutIndex] = counts as [(typeof counts)[number], (typeof counts)[number]];
    expect((await indexed.kv.get<SnapshotMeta>(STORAGE_KEYS.snapshotMeta))!.userIndexBuckets).toBeGreaterThan(64);
    // Two index buckets at most, and nothing of the stored snapshot's pages; the whole read takes them all (megabytes).
    expect(withIndex).toEqual({ indexBuckets: expect.any(Number), baseValues: 0, baseBytes: 0 });
    expect(withIndex.indexBuckets).toBeGreaterThan(0);
    expect(withIndex.indexBuckets).toBeLessThanOrEqual(2);
    expect(withoutIndex.indexBuckets).toBe(0);
    expect(withoutIndex.baseBytes).toBeGreaterThan(5_000_000);
  }, 300_000);
});
