import { InMemoryKeyValueStore } from '../../../dev/host/in-memory-kv-store';
import { SyncError } from '../../../src/core/errors';
import { PENDING_ACCOUNT_PREFIX } from '../../../src/core/plan';
import { saveLinks } from '../../../src/engine/state/links';
import { startParts, runPartStep } from '../../../src/engine/stages/apply/parts';
import { throttledSoFar } from '../../../src/engine/stages/apply/parts-frontier';
import type { PartState } from '../../../src/engine/stages/apply/part-state';
import type { PlannedOperation } from '../../../src/engine/stages/plan/planned-operation';
import type { EngineDeps } from '../../../src/engine/run/deps';
import { DEFAULT_LIMITS } from '../../../src/engine/run/deps';
import type { RunRecord } from '../../../src/engine/run/record';
import { RUN_DATA } from '../../../src/engine/run/run-data';
import { saveRun } from '../../../src/engine/run/store';
import { STORAGE_KEYS } from '../../../src/engine/state/keys';
import type { QueueEvent } from '../../../src/ports/work-queue';

/**
 * An apply fan-out of many parts, driven event by event on a store in memory: what each part reads
 * and writes in KVS, that the run is woken once every part is done (never before), under
 * concurrent, duplicated, reordered and crashed deliveries, and that the plan tells every result.
 */

const PARTS = 40;
const OPS_PER_CHUNK = 3;
const clock = { now: () => 1_000_000, sleep: async () => undefined };

/** A store that counts reads and writes by kind of key. */
class CountingStore extends InMemoryKeyValueStore {
  readonly reads = new Map<string, number>();
  readonly sets = new Map<string, number>();
  /** The process dies at a save this says yes to (the write is lost). */
  failSet: (key: string, value: unknown) => boolean = () => false;
  /** A read the test makes, not counted. */
  peek<T>(key: string): Promise<T | undefined> {
    return super.get<T>(key);
  }
  override async get<T>(key: string): Promise<T | undefined> {
    this.reads.set(kindOf(key), (this.reads.get(kindOf(key)) ?? 0) + 1);
    return super.get<T>(key);
  }
  override async set<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<void> {
    if (this.failSet(key, value)) throw new Error(`KVS write failed for ${key} (injected)`);
    await super.set(key, value, options);
    this.sets.set(kindOf(key), (this.sets.get(kindOf(key)) ?? 0) + 1);
  }
}

function kindOf(key: string): string {
  return /^rundata:v1:[^:]+:([a-z-]+):/.exec(key)?.[1] ?? key.split(':')[0] ?? key;
}

const op = (chunk: number, i: number, pending = false): PlannedOperation => ({
  op: 'addMember',
  group: 'g',
  groupId: 'group-1',
  accountId: pending ? `${PENDING_ACCOUNT_PREFIX}entra-${chunk}-${i}` : `account-${chunk}-${i}`,
  email: null,
  entraId: `entra-${chunk}-${i}`,
  result: 'planned',
});

interface Fanout {
  deps: EngineDeps;
  kv: CountingStore;
  run: RunRecord;
  pending: QueueEvent[];
  added: string[];
  /** Each time the run was woken: whether every part was done by then. */
  wakes: boolean[];
}

interface FanoutOptions {
  failFirstAddOf?: (accountId: string) => boolean;
  /** Every add is of an account created earlier in the run (its ID is in the stored links). */
  createdAccounts?: boolean;
  applyBatchSize?: number;
}

async function fanout(options: FanoutOptions = {}): Promise<Fanout> {
  const kv = new CountingStore(clock);
  const pending: QueueEvent[] = [];
  const added: string[] = [];
  const wakes: boolean[] = [];
  const refused = new Set<string>();
  const deps: EngineDeps = {
    kv,
    clock,
    newId: () => 'id',
    limits: { ...DEFAULT_LIMITS, applyBatchSize: options.applyBatchSize ?? 2 },
    queue: {
      push: async (events) => {
        for (const event of events) {
          if ('part' in event.body) pending.push(event);
          else wakes.push(await everyPartDone(kv));
        }
      },
    },
    connect: async (_run, calls) => ({
      entra: {} as never,
      jira: {
        addMember: async (groupId: string, accountId: string) => {
          if (options.failFirstAddOf?.(accountId) && !refused.has(accountId)) {
            refused.add(accountId);
            calls.onCall('throttled');
            throw new SyncError('jira-rate-limited', 'Slow down.', { retryable: true, retryAfterSeconds: 1 });
          }
          added.push(`${groupId}:${accountId}`);
        },
      } as never,
    }),
  };
  const run = {
    summary: {
      id: 'run-1',
      status: 'running',
      phase: 'apply-parts',
      trigger: 'manual',
      counts: { creates: 0, adds: 0, removals: 0, failed: 0 },
      calls: { graph: 0, jira: 0, jiraWrites: 0, throttled: 0 },
    },
    cursor: { checked: true, chunks: { plan: PARTS + 1 }, stage: { phase: 'apply-parts' } },
    settings: {},
    step: 7,
    retries: 0,
    planChunks: PARTS + 1,
    updatedAt: 0,
  } as unknown as RunRecord;
  await saveRun(kv, run);
  for (let chunk = 0; chunk <= PARTS; chunk++)
    await kv.set(
      `${STORAGE_KEYS.runData('run-1', 'plan')}${chunk.toString().padStart(6, '0')}`,
      Array.from({ length: OPS_PER_CHUNK }, (_, i) => op(chunk, i, options.createdAccounts)),
    );
  if (options.createdAccounts) {
    const links = new Map<string, string>();
    for (let chunk = 0; chunk <= PARTS; chunk++)
      for (let i = 0; i < OPS_PER_CHUNK; i++) links.set(`entra-${chunk}-${i}`, `account-${chunk}-${i}`);
    await saveLinks(kv, links);
  }
  await startParts(deps, run);
  kv.reads.clear();
  kv.sets.clear();
  return { deps, kv, run, pending, added, wakes };
}

async function everyPartDone(kv: CountingStore): Promise<boolean> {
  for (let chunk = 1; chunk <= PARTS; chunk++)
    if (!(await kv.peek<PartState>(RUN_DATA.part.key('run-1', chunk)))?.done) return false;
  return true;
}

/** Delivers the queued events until none is left, `inFlight` at once, in the order `order` gives. */
async function drain(f: Fanout, inFlight: number, order: (events: QueueEvent[]) => QueueEvent[] = (e) => e) {
  while (f.pending.length > 0) {
    const next = order(f.pending.splice(0));
    for (let i = 0; i < next.length; i += inFlight)
      await Promise.all(
        next
          .slice(i, i + inFlight)
          .map((event) => runPartStep(f.deps, event.body as never).catch(() => f.pending.push(event))),
      );
  }
}

function shuffled(seed: number) {
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return (events: QueueEvent[]) =>
    events
      .map((event) => ({ event, key: random() }))
      .sort((a, b) => a.key - b.key)
      .map((e) => e.event);
}

describe('an apply fan-out of many parts', () => {
  it('reads a handful of part states per part, not every part at each part’s end', async () => {
    const f = await fanout();
    await drain(f, 4);
    expect(f.added).toHaveLength(PARTS * OPS_PER_CHUNK);
    expect(f.wakes).toContain(true);
    // Each delivery reads its own part; each finishing part reads on from the frontier to the first
    // part still running (its neighbours in flight), about five reads a part, not one per part (1,600 here).
    expect(f.kv.reads.get('part') ?? 0).toBeLessThanOrEqual(6 * PARTS);
  });

  it('reads each plan chunk once per invocation and writes only its results, never the chunk', async () => {
    const f = await fanout();
    await drain(f, 1);
    // One invocation per part here (the step budget is not reached): one chunk read each, two batches each.
    expect(f.kv.reads.get('plan')).toBe(PARTS);
    expect(f.kv.sets.get('plan') ?? 0).toBe(0);
    expect(f.kv.sets.get('plan-results')).toBe(PARTS * Math.ceil(OPS_PER_CHUNK / 2));
    const plan = await RUN_DATA.plan.read({ deps: f.deps, run: f.run });
    expect(plan.filter((o) => o.result === 'applied')).toHaveLength(OPS_PER_CHUNK * PARTS);
    expect(plan.filter((o) => o.result === 'planned')).toHaveLength(OPS_PER_CHUNK); // chunk 0 is not a part
  });

  it('counts the run’s throttled answers without reading every part at each throttle', async () => {
    const f = await fanout({ failFirstAddOf: (accountId) => accountId.endsWith('-0') });
    await drain(f, 4);
    expect(f.added).toHaveLength(PARTS * OPS_PER_CHUNK);
    expect(f.wakes).toContain(true);
    // A throttled part reads at most the eight parts in flight past the finished ones, not all 40.
    expect(f.kv.reads.get('part') ?? 0).toBeLessThanOrEqual(16 * PARTS);
    const parts = await Promise.all(Array.from({ length: PARTS }, (_, i) => RUN_DATA.part.get(f.kv, 'run-1', i + 1)));
    expect(parts.reduce((sum, p) => sum + (p?.calls.throttled ?? 0), 0)).toBe(PARTS);
  });

  it.each([1, 2, 3, 4, 5])(
    'wakes the run only once every part is done, parts running 4 at once in shuffled order (seed %i)',
    async (seed) => {
      const f = await fanout();
      await drain(f, 4, shuffled(seed));
      expect(f.wakes.length).toBeGreaterThanOrEqual(1);
      expect(f.wakes.every(Boolean)).toBe(true);
    },
  );

  it('wakes the run when every event is delivered twice at once', async () => {
    const f = await fanout();
    await drain(f, 4, (events) => events.flatMap((e) => [e, e]));
    expect(new Set(f.added).size).toBe(PARTS * OPS_PER_CHUNK);
    expect(f.wakes.length).toBeGreaterThanOrEqual(1);
    expect(f.wakes.every(Boolean)).toBe(true);
  });

  it('wakes the run when the last parts’ saves fail once and their events are delivered again', async () => {
    const f = await fanout();
    let failures = 0;
    // Every seventh save of a part's state or of the frontier fails (the process dies there).
    f.kv.failSet = (key) => /:parts?(-frontier)?:/.test(key) && ++failures % 7 === 0;
    await drain(f, 4);
    expect(failures).toBeGreaterThan(7);
    expect(new Set(f.added).size).toBe(PARTS * OPS_PER_CHUNK);
    expect(f.wakes.length).toBeGreaterThanOrEqual(1);
    expect(f.wakes.every(Boolean)).toBe(true);
  });

  it('wakes the run when the last part dies after saving itself done, before it could wake the run', async () => {
    const f = await fanout();
    let died = false;
    f.kv.failSet = (key, value) =>
      !died && key.includes(':parts-frontier:') && (died = (value as { next: number }).next > PARTS);
    await drain(f, 1);
    expect(died).toBe(true);
    expect(f.wakes).toEqual([true]);
  });
});

describe('adds of accounts created earlier in the run', () => {
  it('read the stored links once per batch (the layout and each bucket), not twice per add', async () => {
    const f = await fanout({ createdAccounts: true, applyBatchSize: OPS_PER_CHUNK });
    await drain(f, 4);
    expect(new Set(f.added)).toEqual(
      new Set(
        Array.from(
          { length: PARTS * OPS_PER_CHUNK },
          (_, n) => `group-1:account-${Math.floor(n / OPS_PER_CHUNK) + 1}-${n % OPS_PER_CHUNK}`,
        ),
      ),
    );
    // One batch a part: the links layout and the one bucket (few links fit one).
    expect(f.kv.reads.get('links')).toBe(2 * PARTS);
  });

  it('read the stored links once per invocation, however many batches it applies', async () => {
    const f = await fanout({ createdAccounts: true, applyBatchSize: 1 });
    await drain(f, 4);
    expect(f.added).toHaveLength(PARTS * OPS_PER_CHUNK);
    // Each part applies its three batches in one invocation: the layout and the bucket once, not once a batch.
    expect(f.kv.reads.get('links')).toBe(2 * PARTS);
  });
});

describe('the run’s throttled answers, as a part counts them', () => {
  it('adds the finished parts (kept on the frontier), the parts in flight and itself, reading only those', async () => {
    const f = await fanout();
    // Every part as startParts left it, then changed as the test says.
    const state = async (chunk: number, part: Partial<PartState>) =>
      RUN_DATA.part.set(f.kv, 'run-1', chunk, {
        ...(await f.kv.peek<PartState>(RUN_DATA.part.key('run-1', chunk)))!,
        ...part,
      });
    for (let chunk = 1; chunk <= 10; chunk++)
      await state(chunk, { done: true, step: 2, calls: { jira: 3, jiraWrites: 3, throttled: 1 } });
    for (let chunk = 11; chunk <= 13; chunk++)
      await state(chunk, { step: 1, calls: { jira: 2, jiraWrites: 2, throttled: 2 } });
    f.run.summary.calls.throttled = 4;
    const self = { ...(await RUN_DATA.part.get(f.kv, 'run-1', 12))!, calls: { jira: 2, jiraWrites: 2, throttled: 5 } };
    f.kv.reads.clear();
    expect(await throttledSoFar(f.deps, f.run, self)).toBe(4 + 10 + 2 + 5 + 2);
    // The frontier, the ten finished parts, two in flight and the first that never ran.
    expect(f.kv.reads.get('part')).toBe(10 + 2 + 1);
    f.kv.reads.clear();
    expect(await throttledSoFar(f.deps, f.run, self)).toBe(4 + 10 + 2 + 5 + 2);
    // Now the frontier holds the finished parts' count.
    expect(f.kv.reads.get('part')).toBe(2 + 1);
  });
});
