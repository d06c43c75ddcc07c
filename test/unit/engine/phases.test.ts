import { InMemoryKeyValueStore } from '../../../dev/host/in-memory-kv-store';
import { SyncError } from '../../../src/core/errors';
import type { StepContext } from '../../../src/engine/run/context';
import { DEFAULT_LIMITS } from '../../../src/engine/run/deps';
import { InvocationCache } from '../../../src/engine/run/invocation-cache';
import { doUnit, firstCursor, PHASES } from '../../../src/engine/run/phases';
import type { RunRecord } from '../../../src/engine/run/record';
import type { Phase } from '../../../src/shared/resolver-contract';

/** The phase table: the order of the pipeline and what doUnit does with a unit's verdict. */

const clock = { now: () => 5_000, sleep: async () => undefined };

function contextAt(phase: Phase, kind: 'full' | 'incremental' = 'full'): StepContext {
  const run = {
    summary: {
      id: 'run-1',
      kind,
      mode: 'apply',
      status: 'running',
      phase,
      progress: { done: 3, total: 9 },
      warnings: [],
      counts: { creates: 1, adds: 150, removals: 49, failed: 0 },
      finishedAt: null,
    },
    cursor: { ...firstCursor(kind), checked: true },
  } as unknown as RunRecord;
  const deps = {
    kv: new InMemoryKeyValueStore(clock),
    clock,
    limits: { ...DEFAULT_LIMITS, applyBatchSize: 100 },
  } as unknown as StepContext['deps'];
  return { deps, run, entra: {} as never, jira: {} as never, cache: new InvocationCache(), hasBudget: () => true };
}

/** Swaps one phase's work for a scripted one while a test runs. */
function withWork<T>(phase: Phase, kind: 'full' | 'incremental', unit: Unit, test: () => Promise<T>): Promise<T> {
  const saved = PHASES[phase].work[kind];
  PHASES[phase].work[kind] = { start: saved.start, unit };
  return test().finally(() => {
    PHASES[phase].work[kind] = saved;
  });
}
type Unit = (typeof PHASES)[Phase]['work']['full']['unit'];

describe('the phase table', () => {
  test('orders the pipeline read-source → read-target → plan → apply → done', () => {
    const order: Phase[] = [];
    for (let phase: Phase = 'read-source'; phase !== 'done'; phase = PHASES[phase].next) order.push(phase);
    expect(order).toEqual(['read-source', 'read-target', 'plan', 'apply', 'finish']);
    expect(PHASES['apply-parts'].next).toBe('finish');
  });

  test('"more" keeps the run in its phase with its progress', async () => {
    const ctx = contextAt('read-target');
    await withWork(
      'read-target',
      'full',
      async () => 'more',
      () => doUnit(ctx),
    );
    expect(ctx.run.summary).toMatchObject({ phase: 'read-target', progress: { done: 3, total: 9 }, status: 'running' });
  });

  test('"done" enters the next phase with its progress reset', async () => {
    const ctx = contextAt('read-source');
    await withWork(
      'read-source',
      'full',
      async () => 'done',
      () => doUnit(ctx),
    );
    expect(ctx.run.summary).toMatchObject({ phase: 'read-target', progress: { done: 0, total: 0 } });
    expect(ctx.run.cursor.stage).toMatchObject({ phase: 'read-target', kind: 'full', task: 'targets' });
  });

  test("entering a phase gives it the start cursor of the run's kind", async () => {
    const ctx = contextAt('plan', 'incremental');
    await withWork(
      'plan',
      'incremental',
      async () => 'done',
      () => doUnit(ctx),
    );
    // An incremental run checks its write identity before the first change, a full run at its start.
    expect(ctx.run.cursor.stage).toEqual({ phase: 'apply', chunk: 0, index: 0, writerChecked: false });
  });

  test('entering apply counts its batches from the planned changes', async () => {
    const ctx = contextAt('plan');
    await withWork(
      'plan',
      'full',
      async () => 'done',
      () => doUnit(ctx),
    );
    expect(ctx.run.summary).toMatchObject({ phase: 'apply', progress: { done: 0, total: 2 } });
  });

  test('apply done: the run records its end (finish), still running, and succeeds only once recorded', async () => {
    const ctx = contextAt('apply');
    await withWork(
      'apply',
      'full',
      async () => 'done',
      () => doUnit(ctx),
    );
    expect(ctx.run.summary).toMatchObject({ phase: 'finish', status: 'running', finishedAt: null });
    expect(ctx.run.cursor.stage).toMatchObject({ phase: 'finish', ending: { status: 'succeeded' }, task: 'settle' });
    await withWork(
      'finish',
      'full',
      async () => ({ end: 'succeeded' }),
      () => doUnit(ctx),
    );
    expect(ctx.run.summary).toMatchObject({ phase: 'done', status: 'succeeded', finishedAt: 5_000 });
  });

  test('a unit that ends the run sets its status, whatever phase it is in', async () => {
    const ctx = contextAt('plan');
    await withWork(
      'plan',
      'full',
      async () => ({ end: 'needs-approval' }),
      () => doUnit(ctx),
    );
    expect(ctx.run.summary).toMatchObject({ phase: 'done', status: 'needs-approval', finishedAt: 5_000 });
  });

  test('the kind chosen when the run started picks the work', async () => {
    const ctx = contextAt('read-target', 'incremental');
    const calls: string[] = [];
    await withWork(
      'read-target',
      'full',
      async () => (calls.push('full'), 'more'),
      () =>
        withWork(
          'read-target',
          'incremental',
          async () => (calls.push('incremental'), 'more'),
          () => doUnit(ctx),
        ),
    );
    expect(calls).toEqual(['incremental']);
  });

  test("any other error of an incremental unit is the runner's to handle", async () => {
    const ctx = contextAt('read-target', 'incremental');
    const failing = async (): Promise<never> => {
      throw new SyncError('jira-unavailable', 'Jira is down.', { retryable: true });
    };
    await expect(withWork('read-target', 'incremental', failing, () => doUnit(ctx))).rejects.toThrow('Jira is down.');
    expect(ctx.run.summary).toMatchObject({ kind: 'incremental', phase: 'read-target' });
  });

  test('an incremental run whose delta state expired starts over as a full run', async () => {
    const ctx = contextAt('read-source', 'incremental');
    // No snapshot stored: nothing to read deltas from.
    await doUnit(ctx);
    expect(ctx.run.summary).toMatchObject({ kind: 'full', phase: 'read-source' });
    expect(ctx.run.summary.warnings).toEqual(['Full run: The stored sync state is gone; a full read is needed.']);
    expect(ctx.run.cursor).toEqual({ ...firstCursor('full'), checked: true });
  });
});
