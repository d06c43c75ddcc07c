import { InMemoryKeyValueStore } from '../../../dev/host/in-memory-kv-store';
import type { ChainWorker } from '../../../src/engine/run/chain';
import { runChain } from '../../../src/engine/run/chain';
import type { StepContext } from '../../../src/engine/run/context';
import type { EngineDeps } from '../../../src/engine/run/deps';
import { DEFAULT_LIMITS } from '../../../src/engine/run/deps';
import { InvocationCache } from '../../../src/engine/run/invocation-cache';
import type { RunRecord } from '../../../src/engine/run/record';

/** The per-invocation cache: what it keeps within one step of a chain, and that the next step starts afresh. */

const clock = { now: () => 1_000_000, sleep: async () => undefined };

/** A store that counts reads of each key. */
class CountingStore extends InMemoryKeyValueStore {
  readonly reads = new Map<string, number>();
  override async get<T>(key: string): Promise<T | undefined> {
    this.reads.set(key, (this.reads.get(key) ?? 0) + 1);
    return super.get<T>(key);
  }
}

function depsOn(kv: CountingStore): EngineDeps {
  return {
    kv,
    queue: { push: async () => undefined },
    clock,
    newId: () => 'id',
    limits: DEFAULT_LIMITS,
    connect: async () => ({ entra: {} as never, jira: {} as never }),
  };
}

/** One step of a chain whose units are `units`, each given the step's context. */
async function step(deps: EngineDeps, seq: number, units: Array<(ctx: StepContext) => Promise<void>>): Promise<void> {
  let next = 0;
  const worker: ChainWorker = {
    run: { summary: { id: 'run-1', trigger: 'manual' } } as RunRecord,
    lockKey: `lock:test:${seq}`,
    retries: 0,
    countCall: () => undefined,
    countPoints: () => undefined,
    withinRequestBudget: () => true,
    throttledInRun: async () => 0,
    begin: async () => undefined,
    cancel: () => true,
    work: async (ctx) => {
      await units[next++]?.(ctx);
      return next < units.length ? 'more' : 'done';
    },
    succeeded: () => undefined,
    wait: () => undefined,
    fail: (error) => {
      throw new Error(error.message);
    },
    save: async () => undefined,
  };
  expect(await runChain(deps, worker)).toBe('processed');
}

const readCount = (ctx: StepContext) => ctx.cache.read('count', () => ctx.deps.kv.get<number>('count'));

describe('the invocation cache, over the steps of a chain', () => {
  it('reads a key once in a step, sees that step’s own write, and the next step reads afresh', async () => {
    const kv = new CountingStore(clock);
    const deps = depsOn(kv);
    await kv.set('count', 1);
    const seen: Array<number | undefined> = [];
    await step(deps, 1, [
      async (ctx) => void seen.push(await readCount(ctx)),
      async (ctx) => void seen.push(await readCount(ctx)),
      async (ctx) => {
        await ctx.deps.kv.set('count', 2);
        ctx.cache.write('count', 2);
      },
      async (ctx) => void seen.push(await readCount(ctx)),
    ]);
    expect(seen).toEqual([1, 1, 2]);
    expect(kv.reads.get('count')).toBe(1);

    // Another invocation changed the stored value: the next step sees it, not the last step's.
    await kv.set('count', 3);
    await step(deps, 2, [async (ctx) => void seen.push(await readCount(ctx))]);
    expect(seen).toEqual([1, 1, 2, 3]);
    expect(kv.reads.get('count')).toBe(2);
  });
});

describe('InvocationCache', () => {
  it('shares one load among askers who ask while it is loading', async () => {
    const cache = new InvocationCache();
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.read('k', load), cache.read('k', load), cache.read('k', load)])).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
  });

  it('keeps no failed load: the next ask loads again', async () => {
    const cache = new InvocationCache();
    await expect(cache.read('k', async () => Promise.reject(new Error('KVS throttled')))).rejects.toThrow('throttled');
    expect(await cache.read('k', async () => 'stored')).toBe('stored');
  });

  it('reloads on request and forgets every key under a prefix', async () => {
    const cache = new InvocationCache();
    await cache.read('links:1', async () => 'a');
    await cache.read('links:2', async () => 'b');
    await cache.read('plan:1', async () => 'c');
    expect(await cache.reload('links:1', async () => 'a2')).toBe('a2');
    expect(await cache.read('links:1', async () => 'unused')).toBe('a2');
    cache.forget('links:');
    expect(await cache.read('links:1', async () => 'a3')).toBe('a3');
    expect(await cache.read('links:2', async () => 'b3')).toBe('b3');
    expect(await cache.read('plan:1', async () => 'unused')).toBe('c');
  });

  it('a write while a load is in flight wins over the load', async () => {
    const cache = new InvocationCache();
    let finish: (value: string) => void = () => undefined;
    const loading = cache.read('k', () => new Promise<string>((resolve) => (finish = resolve)));
    cache.write('k', 'written');
    finish('loaded');
    expect(await loading).toBe('loaded');
    expect(await cache.read('k', async () => 'unused')).toBe('written');
  });
});
