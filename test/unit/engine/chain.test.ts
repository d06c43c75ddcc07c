import { InMemoryKeyValueStore } from '../../../dev/host/in-memory-kv-store';
import { SyncError } from '../../../src/core/errors';
import type { ChainNext, ChainWorker } from '../../../src/engine/run/chain';
import { retryDelaySeconds, runChain } from '../../../src/engine/run/chain';
import type { EngineDeps } from '../../../src/engine/run/deps';
import { DEFAULT_LIMITS } from '../../../src/engine/run/deps';
import type { RunRecord } from '../../../src/engine/run/record';
import { STORAGE_KEYS } from '../../../src/engine/state/keys';
import type { ErrorInfo } from '../../../src/shared/resolver-contract';

/** The chain runner alone: a worker of scripted units, a store in memory and no services. */

const now = 1_000_000;
const clock = { now: () => now, sleep: async () => undefined };

function depsWith(limits: Partial<EngineDeps['limits']> = {}): EngineDeps {
  return {
    kv: new InMemoryKeyValueStore(clock),
    queue: { push: async () => undefined },
    clock,
    newId: () => 'id',
    limits: { ...DEFAULT_LIMITS, ...limits },
    connect: async () => ({ entra: {} as never, jira: {} as never }),
  };
}

interface Script {
  units: Array<'done' | 'more' | Error>;
  retries?: number;
  throttled?: number;
}

function scriptedWorker(script: Script) {
  const seen = {
    units: 0,
    saved: [] as ChainNext[],
    failed: null as ErrorInfo | null,
    waited: null as number | null,
    cancelled: false,
    succeeded: false,
  };
  const worker: ChainWorker = {
    run: { summary: { id: 'run-1', trigger: 'manual' } } as RunRecord,
    lockKey: 'lock:test',
    retries: script.retries ?? 0,
    countCall: () => undefined,
    countPoints: () => undefined,
    withinRequestBudget: () => true,
    throttledInRun: async () => script.throttled ?? 0,
    begin: async () => undefined,
    cancel: () => {
      seen.cancelled = true;
      return true;
    },
    work: async () => {
      const unit = script.units[seen.units++] ?? 'done';
      if (unit instanceof Error) throw unit;
      return unit;
    },
    succeeded: () => {
      seen.succeeded = true;
    },
    wait: (_error, seconds) => {
      seen.waited = seconds;
    },
    fail: (error) => {
      seen.failed = error;
    },
    save: async (next) => {
      seen.saved.push(next);
    },
  };
  return { worker, seen };
}

describe('runChain: one step of a chain', () => {
  test('works units until one says done, then saves "done"', async () => {
    const { worker, seen } = scriptedWorker({ units: ['more', 'more', 'done', 'more'] });
    expect(await runChain(depsWith(), worker)).toBe('processed');
    expect(seen).toMatchObject({ units: 3, saved: [{ next: 'done' }], succeeded: true });
  });

  test('does at least one unit when the budget is already spent, then saves "more"', async () => {
    const { worker, seen } = scriptedWorker({ units: ['more', 'more'] });
    await runChain(depsWith({ stepBudgetMs: 0 }), worker);
    expect(seen).toMatchObject({ units: 1, saved: [{ next: 'more' }] });
  });

  test('a second delivery of the same event is ignored while the first holds the lock', async () => {
    const deps = depsWith();
    await deps.kv.setIfAbsent('lock:test', 1);
    const { worker, seen } = scriptedWorker({ units: ['done'] });
    expect(await runChain(deps, worker)).toBe('ignored');
    expect(seen.units).toBe(0);
    expect(seen.saved).toEqual([]);
  });

  test('a cancelled run does no work and ends the chain', async () => {
    const deps = depsWith();
    await deps.kv.set(STORAGE_KEYS.cancelRequest('run-1'), true);
    const { worker, seen } = scriptedWorker({ units: ['more'] });
    await runChain(deps, worker);
    expect(seen).toMatchObject({ cancelled: true, units: 0, saved: [{ next: 'done' }] });
  });

  test('a retryable error waits as long as the service asked, counting a retry', async () => {
    const { worker, seen } = scriptedWorker({
      units: [new SyncError('jira-rate-limited', 'Slow down.', { retryable: true, retryAfterSeconds: 7 })],
    });
    await runChain(depsWith(), worker);
    expect(seen).toMatchObject({
      waited: 7,
      saved: [{ next: 'retryAfter', seconds: 7 }],
      failed: null,
      succeeded: false,
    });
    expect(worker.retries).toBe(1);
  });

  test('a storage error (not a SyncError) is retried too, in runs and parts alike', async () => {
    const { worker, seen } = scriptedWorker({ units: [new Error('KVS 503')], retries: 2 });
    await runChain(depsWith(), worker);
    expect(seen.saved).toEqual([{ next: 'retryAfter', seconds: 8 }]);
  });

  test('a used-up points quota waits without spending a retry', async () => {
    const { worker, seen } = scriptedWorker({
      units: [new SyncError('jira-quota-exhausted', 'Quota used up.', { retryable: true, retryAfterSeconds: 1800 })],
      retries: 3,
    });
    await runChain(depsWith(), worker);
    expect(seen.saved).toEqual([{ next: 'retryAfter', seconds: 900 }]);
    expect(worker.retries).toBe(3);
  });

  test('after the last retry the chain ends with an error that says the retries are over', async () => {
    const { worker, seen } = scriptedWorker({
      units: [new SyncError('graph-unavailable', 'Graph is down.', { retryable: true })],
      retries: 2,
    });
    await runChain(depsWith({ maxRetries: 2 }), worker);
    expect(seen.saved).toEqual([{ next: 'done' }]);
    expect(seen.failed).toEqual({
      code: 'graph-unavailable',
      message: 'Graph is down. The run stopped after 3 attempts; start it again when the service recovers.',
    });
  });

  test("a spent retry budget ends the chain naming the budget, whoever's retries are left", async () => {
    const { worker, seen } = scriptedWorker({
      units: [new SyncError('jira-rate-limited', 'Slow down.', { retryable: true, retryAfterSeconds: 5 })],
      throttled: 40,
    });
    await runChain(depsWith({ maxThrottledPerRun: 40 }), worker);
    expect(seen.failed?.code).toBe('jira-rate-limited');
    expect(seen.failed?.message).toContain('retried 40 times in this run');
  });

  test('a stopping error ends the chain at once with its own code and message', async () => {
    const { worker, seen } = scriptedWorker({
      units: [new SyncError('runas-inactive', 'The write identity is deactivated.')],
    });
    await runChain(depsWith(), worker);
    expect(seen.failed).toEqual({ code: 'runas-inactive', message: 'The write identity is deactivated.' });
    expect(worker.retries).toBe(0);
  });

  test('a save that fails frees the lock, so the platform retry of the event redoes the step', async () => {
    const deps = depsWith();
    const { worker } = scriptedWorker({ units: ['done'] });
    worker.save = async () => {
      throw new Error('KVS down');
    };
    await expect(runChain(deps, worker)).rejects.toThrow('KVS down');
    expect(await deps.kv.get('lock:test')).toBeUndefined();
  });
});

describe('retryDelaySeconds: the one wait rule', () => {
  test.each([
    [new SyncError('graph-throttled', 'x', { retryable: true, retryAfterSeconds: 30 }), 1, 30],
    [new SyncError('graph-throttled', 'x', { retryable: true }), 1, 2],
    [new SyncError('graph-throttled', 'x', { retryable: true }), 5, 32],
    [new Error('storage'), 12, 900],
    [new SyncError('graph-throttled', 'x', { retryable: true, retryAfterSeconds: 0 }), 3, 1],
  ])('%s at retry %i waits %i s', (error, retries, seconds) => {
    expect(retryDelaySeconds(error, retries)).toBe(seconds);
  });
});
