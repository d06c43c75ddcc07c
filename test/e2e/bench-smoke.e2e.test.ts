import { benchSize } from '../../bench/run-size';
import type { SizeResult } from '../../bench/run-size';
import { markdownTable } from '../../bench/report';
import { generateTenant } from '../../bench/tenant-generator';
import { applyChurn, makeChurn } from '../../bench/churn';

/** A 1k-user run of the benchmark: correctness of the figures, never timing. */
describe('benchmark smoke run (1k users)', () => {
  let result: SizeResult;

  beforeAll(async () => {
    result = await benchSize({ users: 1000, seed: 7, concurrency: 4, stepBudgetMs: 600_000, churnRate: 0.01, driftRate: 0.005 });
  }, 120_000);

  const correct = (row: SizeResult['rows'][number] | undefined) => ({ run: row?.run, status: row?.measure.status, residual: row?.residual, writes: row?.measure.jiraWrites });
  const wanted = (row: SizeResult['rows'][number] | undefined) => ({ run: row?.run, status: 'succeeded', residual: 0, writes: row?.needed.total });

  it('runs the four runs of a size; full runs and the no-change rerun leave Jira as the reference computes, with exactly the needed writes', () => {
    expect(result.rows.map((r) => r.run)).toEqual(['first full sync', 'no-change rerun', '1% churn', 'drift + full reconcile']);
    for (const row of [result.rows[0], result.rows[1], result.rows[3]]) expect(correct(row)).toEqual(wanted(row));
  });

  it('applies the 1% churn with exactly the needed writes', () => {
    expect(correct(result.rows[2])).toEqual(wanted(result.rows[2]));
  });

  it('makes no writes on the no-change rerun', () => {
    expect(result.rows[0]?.needed.total).toBeGreaterThan(1000);
    expect(result.rows[1]?.measure.jiraWrites).toBe(0);
    expect(result.rows[2]?.needed.total).toBeGreaterThan(0);
    expect(result.rows[3]?.needed.total).toBeGreaterThan(0);
  });

  it('keeps full runs within 1.05 × the Graph paging bound and never under a lower bound', () => {
    for (const row of result.rows) {
      expect(row.measure.jiraCalls - row.measure.jiraWrites).toBeGreaterThanOrEqual(row.bounds.jiraReads);
      if (row.measure.kindRan === 'full') expect(row.measure.graphCalls).toBeGreaterThanOrEqual(row.bounds.graph);
    }
    for (const row of [result.rows[0], result.rows[3]]) expect(row?.measure.graphCalls).toBeLessThanOrEqual(1.05 * (row?.bounds.graph ?? 0));
  });

  it('prints a table row per run', () => {
    expect(markdownTable([result], false).split('\n')).toHaveLength(2 + 4);
  });
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
    expect(after.entra.users.length).toBe(scenario.entra.users.length + churn.filter((c) => c.op === 'addUser').length - churn.filter((c) => c.op === 'deleteUser').length);
  });
});
