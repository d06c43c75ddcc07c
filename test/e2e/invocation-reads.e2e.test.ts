import { BENCH_ADMIN, generateTenant } from '../../bench/tenant-generator';
import { STORAGE_KEYS } from '../../src/engine';
import type { RunSummary } from '../../src/shared/resolver-contract';
import type { Rig } from '../helpers';
import { startRig } from '../helpers';

/** What one sync reads from KVS, counted by key: each invocation reads what it needs once. */
describe('KVS reads of a first sync', () => {
  let h: Rig;
  afterEach(() => h.close());

  it('reads the group registry a few times per invocation, not once per membership added', async () => {
    const { scenario } = generateTenant({ users: 600, groups: 18, seed: 11 });
    h = await startRig(scenario);
    const reads = new Map<string, number>();
    const get = h.kv.get.bind(h.kv);
    h.kv.get = async <T>(key: string) => {
      reads.set(key, (reads.get(key) ?? 0) + 1);
      return get<T>(key);
    };
    const started = (await h.app.resolve('syncNow', {}, { accountId: BENCH_ADMIN })) as { ok: true; data: RunSummary };
    const invocations = await h.drain();
    const run = (await get<{ summary: { status: string; counts: { adds: number; creates: number } } }>(
      STORAGE_KEYS.run(started.data.id),
    ))!;
    expect(run.summary.status).toBe('succeeded');
    expect(run.summary.counts.adds).toBeGreaterThan(500);
    // One read to resolve targets, one before each group created, one per invocation that adds.
    expect(reads.get(STORAGE_KEYS.groupRegistry) ?? 0).toBeLessThanOrEqual(
      1 + run.summary.counts.creates + invocations,
    );
  });
});
