import { BENCH_ADMIN, generateTenant } from '../../bench/tenant-generator';
import { serveKvs } from '../../dev/forge-runtime/kvs-service';
import { InMemoryKeyValueStore } from '../../dev/host/in-memory-kv-store';
import { VirtualClock } from '../../dev/host/virtual-clock';
import { loadRun } from '../../src/engine';
import { startRig } from '../helpers';

jest.setTimeout(120_000);

/** One KVS REST call on the local runtime's service, as @forge/kvs sends it. */
async function kvsCall(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const store = new InMemoryKeyValueStore(new VirtualClock(0));
  const response = await serveKvs(store, path, { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}

const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

describe("KVS's value limits", () => {
  it('answers a value over 240 KiB, or nested over 31 levels, with a 400 and its code, and stores nothing', async () => {
    // A JSON string of n characters is n + 2 bytes.
    const limit = 240 * 1024;
    expect((await kvsCall('/api/v1/set', { key: 'k', value: 'x'.repeat(limit - 2) })).status).toBe(204);
    const over = await kvsCall('/api/v1/set', { key: 'k', value: 'x'.repeat(limit - 1) });
    expect(over).toEqual({ status: 400, body: { code: 'MAX_SIZE', message: expect.stringMatching(/maximum size/) } });
    expect((await kvsCall('/api/v1/secret/set', { key: 'k', value: 'x'.repeat(limit) })).body).toMatchObject({
      code: 'MAX_SIZE',
    });
    expect((await kvsCall('/api/v1/set', { key: 'k', value: nested(31) })).status).toBe(204);
    expect(await kvsCall('/api/v1/set', { key: 'k', value: nested(32) })).toEqual({
      status: 400,
      body: { code: 'MAX_DEPTH', message: expect.stringMatching(/depth of 31/) },
    });
  });

  it('a run whose value Forge refuses as too large ends at once with a clear error on its record, not a generic failure', async () => {
    // 600 users in a few synced groups: their member pages fill run-data values far larger than the run record.
    const { scenario } = generateTenant({ users: 600, groups: 6, seed: 3 });
    const h = await startRig(scenario, { budgets: { limits: { kvsValueBytes: 40_000 } } });
    try {
      const started = await h.app.resolve('syncNow', {}, { accountId: BENCH_ADMIN });
      if (!started.ok) throw new Error('Sync now refused');
      const delivered = await h.drain();
      const run = (await loadRun(h.kv, (started.data as { id: string }).id))!.summary;
      expect(run.status).toBe('failed');
      expect(run.error).toEqual({
        code: 'storage-value-too-large',
        message: expect.stringMatching(/over KVS's limits \(240 KiB.*Retrying cannot help.*report this run's ID/),
      });
      // Not retried: a refusal of the value's size is final.
      expect(delivered).toBeLessThan(10);
      expect(h.app.runtime.budgets.totals().kvsLargestValue).toBeLessThanOrEqual(40_000);
    } finally {
      await h.close();
    }
  });
});
