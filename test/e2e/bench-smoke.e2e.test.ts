import { benchSize } from '../../bench/run-size';
import type { SizeConfig, SizeResult } from '../../bench/run-size';
import { budgetTable, dayCost, markdownTable } from '../../bench/report';
import { generateTenant } from '../../bench/tenant-generator';
import { applyChurn, makeChurn } from '../../bench/churn';
import { InMemoryKeyValueStore } from '../../dev/host/in-memory-kv-store';
import { VirtualClock } from '../helpers';

/** The 1k smoke runs' settings (the benchmark's churn and drift rates, four requests in flight). */
const SMOKE: SizeConfig = {
  users: 1000,
  seed: 7,
  concurrency: 4,
  stepBudgetMs: 600_000,
  churnRate: 0.01,
  driftRate: 0.005,
};

/** A 1k-user run of the benchmark: correctness of the figures, never timing. */
describe('benchmark smoke run (1k users)', () => {
  let result: SizeResult;

  beforeAll(async () => {
    result = await benchSize(SMOKE);
  }, 300_000);

  const correct = (row: SizeResult['rows'][number] | undefined) => ({
    run: row?.run,
    status: row?.measure.status,
    residual: row?.residual,
    writes: row?.measure.jiraWrites,
  });
  const wanted = (row: SizeResult['rows'][number] | undefined) => ({
    run: row?.run,
    status: 'succeeded',
    residual: 0,
    writes: row?.needed.total,
  });

  it('runs the five runs of a size; full runs and the no-change rerun leave Jira as the reference computes, with exactly the needed writes', () => {
    expect(result.rows.map((r) => r.run)).toEqual([
      'first full sync',
      'no-change rerun',
      '1% churn',
      'drift repair',
      'drift + full reconcile',
    ]);
    for (const row of [result.rows[0], result.rows[1], result.rows[4]]) expect(correct(row)).toEqual(wanted(row));
  });

  it('repairs the hand-made drift in the hourly runs after one cycle: every managed group read, exactly the needed writes, Jira as the reference computes', () => {
    const drift = result.rows[3];
    expect(correct(drift)).toEqual(wanted(drift));
    expect(drift?.needed.total).toBeGreaterThan(0);
    expect(drift?.measure.kindRan).toBe('incremental');
    expect(drift?.measure.driftRepair).toEqual({ groups: drift?.syncedGroups, of: drift?.syncedGroups });
    expect(drift?.cycleMs).toBe(7 * 86_400_000);
    // It read every managed group's members: at least its lower bound, which counts those pages.
    expect(drift!.measure.jiraCalls - drift!.measure.jiraWrites).toBeGreaterThanOrEqual(drift!.bounds.jiraReads);
    expect(drift!.bounds.jiraReads).toBeGreaterThan(drift!.syncedGroups);
  });

  it('prices a day from the incremental runs and the drift repair spread over its weekly cycle', () => {
    const cost = dayCost(result)!;
    const drift = result.rows[3]!.measure;
    const noChange = result.rows[1]!.measure;
    const runs = result.rows[3]!.cycleRuns!;
    expect(runs).toBeGreaterThan(1);
    // The drift reads are most of the run's points; its writes (the repairs) are not a cycle's cost.
    expect(drift.driftPoints).toBeGreaterThan(drift.jiraPoints / 2);
    expect(drift.driftPoints).toBeLessThan(drift.jiraPoints);
    // The cycle costs its group reads and what comes with them (searches, identity, targets), beyond its runs as no-change runs.
    expect(cost.cycle.points).toBe(drift.jiraPoints - drift.jiraWrites - runs * noChange.jiraPoints);
    expect(cost.cycle.points).toBeGreaterThan(drift.driftPoints);
    expect(cost.cycle.units).toBe(drift.kvs.units - runs * noChange.kvs.units);
    expect(cost.cycle.days).toBe(7);
    expect(noChange.driftPoints).toBe(0);
    expect(cost.incremental.points).toBe(23 * noChange.jiraPoints + result.rows[2]!.measure.jiraPoints);
    expect(cost.day.points).toBe(Math.round(cost.incremental.points + cost.cycle.points / 7));
    expect(cost.fullPoints).toBe(result.rows[4]!.measure.jiraPoints);
    expect(budgetTable([result]).split('\n')).toHaveLength(3);
  });

  it('applies the 1% churn with exactly the needed writes', () => {
    expect(correct(result.rows[2])).toEqual(wanted(result.rows[2]));
  });

  it('makes no writes on the no-change rerun', () => {
    expect(result.rows[0]?.needed.total).toBeGreaterThan(1000);
    expect(result.rows[1]?.measure.jiraWrites).toBe(0);
    expect(result.rows[2]?.needed.total).toBeGreaterThan(0);
    expect(result.rows[3]?.needed.total).toBeGreaterThan(0);
    expect(result.rows[4]?.needed.total).toBeGreaterThan(0);
  });

  it('runs the no-change and churn reruns incrementally, leaving Jira exactly as the reference computes', () => {
    expect(result.rows.map((r) => r.measure.kindRan)).toEqual([
      'full',
      'incremental',
      'incremental',
      'incremental',
      'full',
    ]);
    expect(result.rows.map((r) => r.residualDetail)).toEqual([[], [], [], [], []]);
  });

  it('keeps every run within 1.05 × its Graph paging bound and never under a lower bound', () => {
    for (const row of result.rows) {
      expect(row.measure.jiraCalls - row.measure.jiraWrites).toBeGreaterThanOrEqual(row.bounds.jiraReads);
      expect(row.measure.graphCalls).toBeGreaterThanOrEqual(row.bounds.graph);
      expect(row.measure.graphCalls).toBeLessThanOrEqual(1.05 * row.bounds.graph);
    }
  });

  it('counts the incremental bounds from the changes: 2 Graph calls and no Jira reads with nothing changed, more after churn', () => {
    expect(result.rows[1]?.bounds).toEqual({ graph: 2, jiraReads: 0, jiraWrites: 0 });
    expect(result.rows[2]?.bounds.graph).toBeGreaterThan(2);
    expect(result.rows[2]?.changedUsers).toBeGreaterThan(0);
  });

  it('reports the KVS size after each run and a per-invocation heap figure', () => {
    for (const row of result.rows) {
      expect(row.measure.kvsBytes).toBeGreaterThan(0);
      expect(row.measure.maxInvocationHeapMb).toBeGreaterThanOrEqual(0);
    }
  });

  it('prints a table row per run', () => {
    expect(markdownTable([result], false).split('\n')).toHaveLength(2 + 5);
    expect(markdownTable([result], true).split('\n')[0]).toContain('invocation heap MB');
  });
});

describe('benchmark with the Jira points pool enforced (1k users, a 1,000-point pool)', () => {
  it('the first sync waits out the pool at each top of the hour and still makes exactly the needed writes', async () => {
    const result = await benchSize({ ...SMOKE, runs: 1, jiraPoolPointsPerHour: 1000 });
    const first = result.rows[0]!;
    expect(first.measure.status).toBe('succeeded');
    expect(first.residual).toBe(0);
    expect(first.measure.jiraWrites).toBe(first.needed.total);
    // About 3,500 points through a 1,000-point pool: refused, then waited past two tops of the hour at least
    // (the request that crosses the limit is still served, so an hour can take more than 1,000).
    expect(first.measure.jiraPoints).toBeGreaterThan(3000);
    expect(first.measure.jiraPoolRefusals).toBeGreaterThan(0);
    expect(first.measure.virtualSkippedMs).toBeGreaterThan(3_600_000);
    const row = markdownTable([result], false).split('\n')[2]!;
    expect(row).toContain("Jira's Tier-1 pool refused");
    // Refused requests are not reads: the read column is what the same sync reads without the pool.
    const reads = first.measure.jiraCalls - first.measure.jiraWrites - first.measure.jiraPoolRefusals;
    expect(row).toContain(`| ${reads} / ${first.bounds.jiraReads} (`);
    expect(reads).toBeLessThanOrEqual(first.bounds.jiraReads * 2);
  }, 300_000);
});

describe('tenant generator and churn', () => {
  it('is deterministic from the seed', () => {
    const a = generateTenant({ users: 200, groups: 12, seed: 3 });
    const b = generateTenant({ users: 200, groups: 12, seed: 3 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(generateTenant({ users: 200, groups: 12, seed: 4 }))).not.toBe(JSON.stringify(a));
  });

  it('makes 1% churn that changes the tenant', () => {
    const { scenario, nextUserIndex } = generateTenant({ users: 1000, groups: 30, seed: 5 });
    const churn = makeChurn(scenario, { seed: 6, rate: 0.01, nextUserIndex });
    expect(churn.length).toBeGreaterThanOrEqual(10);
    expect(churn.length).toBeLessThanOrEqual(12);
    const after = applyChurn(scenario, churn);
    expect(after.entra.users.length).toBe(
      scenario.entra.users.length +
        churn.filter((c) => c.op === 'addUser').length -
        churn.filter((c) => c.op === 'deleteUser').length,
    );
  });
});

describe('local KVS (shared by the host, the tests and the benchmark)', () => {
  it('keeps values as JSON text, copies them, enforces keys, value size and TTLs', async () => {
    const clock = new VirtualClock(0);
    const kv = new InMemoryKeyValueStore(clock);
    const value = { a: [1, 2], b: 'x' };
    await kv.set('run:1', value);
    value.a.push(3);
    expect(await kv.get('run:1')).toEqual({ a: [1, 2], b: 'x' });
    expect(kv.size()).toEqual({ keys: 1, bytes: 'run:1'.length + JSON.stringify({ a: [1, 2], b: 'x' }).length });
    await expect(kv.set('bad/key', 1)).rejects.toThrow('Invalid KVS key');
    await expect(kv.set('big', 'x'.repeat(240 * 1024))).rejects.toThrow('240 KiB');
    expect(await kv.setIfAbsent('lock', 1, { ttlSeconds: 10 })).toBe(true);
    expect(await kv.setIfAbsent('lock', 2)).toBe(false);
    clock.advance(10_000);
    expect(await kv.get('lock')).toBeUndefined();
    expect(await kv.listKeys('')).toEqual(['run:1']);
  });
});
