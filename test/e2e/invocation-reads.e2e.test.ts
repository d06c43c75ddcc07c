import { BENCH_ADMIN, generateTenant } from '../../bench/tenant-generator';
import { STORAGE_KEYS } from '../../src/engine';
import type { RunSummary } from '../../src/shared/resolver-contract';
import type { Rig } from '../helpers';
import { DEMO_ADMIN, demoScenario, startRig } from '../helpers';

/** Counts the app's KVS reads by key from now on. */
function countReads(h: Rig): Map<string, number> {
  const reads = new Map<string, number>();
  const get = h.kv.get.bind(h.kv);
  h.kv.get = async <T>(key: string) => {
    reads.set(key, (reads.get(key) ?? 0) + 1);
    return get<T>(key);
  };
  return reads;
}

/** What one sync reads from KVS, counted by key: each invocation reads what it needs once. */
describe('KVS reads of a first sync', () => {
  let h: Rig;
  afterEach(() => h.close());

  it('reads the group registry a few times per invocation, not once per membership added', async () => {
    const { scenario } = generateTenant({ users: 600, groups: 18, seed: 11 });
    h = await startRig(scenario);
    const reads = countReads(h);
    const started = (await h.app.resolve('syncNow', {}, { accountId: BENCH_ADMIN })) as { ok: true; data: RunSummary };
    const invocations = await h.drain();
    const run = (await h.kv.get<{ summary: { status: string; counts: { adds: number; creates: number } } }>(
      STORAGE_KEYS.run(started.data.id),
    ))!;
    expect(run.summary.status).toBe('succeeded');
    expect(run.summary.counts.adds).toBeGreaterThan(500);
    // One read to resolve targets, one before each group created, one per invocation that adds.
    expect(reads.get(STORAGE_KEYS.groupRegistry) ?? 0).toBeLessThanOrEqual(
      1 + run.summary.counts.creates + invocations,
    );
  });

  it("reads each of the run's member pages twice (the plan; the end's one pass for the snapshot and user index) and its plan once at the end", async () => {
    const { scenario } = generateTenant({ users: 600, groups: 18, seed: 11 });
    h = await startRig(scenario);
    const reads = countReads(h);
    const started = (await h.app.resolve('syncNow', {}, { accountId: BENCH_ADMIN })) as { ok: true; data: RunSummary };
    await h.drain();
    const data = (kind: string) =>
      [...reads].filter(([key]) => key.startsWith(STORAGE_KEYS.runData(started.data.id, kind)));
    const pages = data('entra-members');
    expect(pages.length).toBeGreaterThan(0);
    for (const [key, count] of pages) expect(`${key}: ${count}`).toBe(`${key}: 2`);
    const plan = data('plan');
    expect(plan.length).toBeGreaterThan(0);
    // Apply reads a chunk once per invocation that applies it; the run's end reads it once more.
    for (const [key, count] of plan) expect(`${key}: ${count}`).toBe(`${key}: 2`);
  });

  it('drift repair reads each user-link bucket at most once per invocation', async () => {
    const scenario = demoScenario();
    scenario.settings.driftRepair = { cycle: 'daily' };
    h = await startRig(scenario);
    const sync = async () => (await h.app.resolve('syncNow', {}, { accountId: DEMO_ADMIN })) as { ok: true };
    expect((await sync()).ok).toBe(true);
    await h.drain();
    const reads = countReads(h);
    let drifted = 0;
    for (let hour = 1; hour <= 25; hour++) {
      reads.clear();
      h.clock.advance(3_600_000);
      expect(await h.app.onScheduledTick()).toBe('started');
      const invocations = await h.drain();
      const linkReads = [...reads].filter(([key]) => key.startsWith('links:'));
      // A run with no user to look at reads no link at all (not even the layout).
      if (!linkReads.some(([key]) => key.startsWith('links:v2:users:'))) {
        expect(linkReads).toEqual([]);
        continue;
      }
      drifted++;
      for (const [key, count] of linkReads) expect(`${key}: ${count}`).toBe(`${key}: ${Math.min(count, invocations)}`);
    }
    expect(drifted).toBe(2);
  });
});
