import { InMemoryKeyValueStore } from '../../../dev/host/in-memory-kv-store';
import { backoffMultiplier, loadHealth, recordRunEnd } from '../../../src/engine/run/health';
import type { RunSummary } from '../../../src/shared/resolver-contract';
import { VirtualClock } from '../../helpers';

const clock = new VirtualClock(1_000_000);

function finished(id: string, status: 'succeeded' | 'failed', code?: string): RunSummary {
  return {
    id,
    mode: 'apply',
    status,
    startedAt: 1,
    finishedAt: 2,
    error: code ? { code, message: `${code} happened` } : null,
  } as unknown as RunSummary;
}

describe('run health: the failure streak behind the schedule back-off', () => {
  test('failures that stop a run extend the streak; a success clears it', async () => {
    const kv = new InMemoryKeyValueStore(clock);
    await recordRunEnd(kv, finished('r1', 'failed', 'graph-unavailable'));
    await recordRunEnd(kv, finished('r2', 'failed', 'secret-expired'));
    expect((await loadHealth(kv)).consecutiveFailures).toBe(2);
    expect(backoffMultiplier(2)).toBe(2);
    await recordRunEnd(kv, finished('r3', 'succeeded'));
    expect(await loadHealth(kv)).toMatchObject({ consecutiveFailures: 0, lastFailure: null, lastSuccessAt: 2 });
  });

  test('a run whose changes were partly refused is the last failure but does not back the schedule off', async () => {
    const kv = new InMemoryKeyValueStore(clock);
    await recordRunEnd(kv, finished('r1', 'failed', 'graph-unavailable'));
    for (const id of ['r2', 'r3', 'r4']) await recordRunEnd(kv, finished(id, 'failed', 'changes-failed'));
    const health = await loadHealth(kv);
    expect(health.consecutiveFailures).toBe(1);
    expect(health.lastFailure).toMatchObject({ runId: 'r4', code: 'changes-failed' });
    expect(backoffMultiplier(health.consecutiveFailures)).toBe(1);
  });

  test('recording the same run twice (a retried final step) changes nothing', async () => {
    const kv = new InMemoryKeyValueStore(clock);
    await recordRunEnd(kv, finished('r1', 'failed', 'graph-unavailable'));
    await recordRunEnd(kv, finished('r1', 'failed', 'graph-unavailable'));
    expect((await loadHealth(kv)).consecutiveFailures).toBe(1);
  });
});
