import type { BudgetCounts } from '../../dev/forge-runtime/platform-budgets';
import { PointsPool } from '../../dev/sim/jira/points-quota';
import { loadRun } from '../../src/engine';
import type { Rig } from '../helpers';
import { DEMO_ADMIN, startRig } from '../helpers';

/**
 * Every budget Forge and Jira enforce, reached with the demo tenant by making it small: the run
 * is throttled the way the platform throttles, waits (a delayed continuation, or a wait inside the
 * invocation), and ends with the same Jira groups as a run that was never throttled.
 */
async function syncOnce(options: Parameters<typeof startRig>[1] = {}, before?: (harness: Rig) => Promise<void>) {
  const harness: Rig = await startRig(undefined, options);
  try {
    await before?.(harness);
    const started = await harness.app.resolve('syncNow', {}, { accountId: DEMO_ADMIN });
    if (!started.ok) throw new Error('Sync now refused');
    const runId = (started.data as { id: string }).id;
    const t0 = harness.clock.now();
    await harness.drain();
    const run = (await loadRun(harness.kv, runId))?.summary;
    return {
      status: run?.status,
      error: run?.error,
      groups: harness.jira.groups(),
      waitedMs: harness.clock.now() - t0,
      budgets: harness.app.runtime.budgets.totals(),
      points: harness.jira.pointsUsed(),
    };
  } finally {
    await harness.close();
  }
}

/** A first sync, then one membership removed by hand, so the measured run writes again within the same minute. */
async function syncedThenDrifted(harness: Rig): Promise<void> {
  const started = await harness.app.resolve('syncNow', {}, { accountId: DEMO_ADMIN });
  if (!started.ok) throw new Error('Sync now refused');
  await harness.drain();
  const group = harness.jira.groups().find((g) => g.name.startsWith('entra-') && g.members.length > 0);
  if (!group) throw new Error('The first sync made no group');
  const response = await fetch(
    `${harness.jira.url}/rest/api/3/group/user?groupId=${group.groupId}&accountId=${encodeURIComponent(group.members[0] as string)}`,
    { method: 'DELETE', headers: { authorization: `Bearer forge-user:${DEMO_ADMIN}` } },
  );
  if (!response.ok) throw new Error(`Removing by hand failed: HTTP ${response.status}`);
}

/** Each group's members as a set (a member re-added by a later run comes last in Jira's order). */
const membership = (groups: Array<{ name: string; members: string[] }>) =>
  Object.fromEntries(groups.map((g) => [g.name, [...g.members].sort()]));

jest.setTimeout(120_000);

describe("Forge's and Jira's budgets, end to end", () => {
  let calm: Awaited<ReturnType<typeof syncOnce>>;
  beforeAll(async () => {
    calm = await syncOnce();
  });

  const expectSameResult = (
    throttled: Awaited<ReturnType<typeof syncOnce>>,
    budget: keyof BudgetCounts['throttled'] | null,
  ) => {
    expect(throttled.status).toBe('succeeded');
    expect(membership(throttled.groups)).toEqual(membership(calm.groups));
    if (budget) expect(throttled.budgets.throttled[budget]).toBeGreaterThan(0);
  };

  it('the calm run stays inside every budget and counts what it used', () => {
    expect(calm.status).toBe('succeeded');
    expect(calm.budgets.throttled).toEqual({ kvs: 0, events: 0, impersonation: 0, egress: 0 });
    expect(calm.budgets.kvsUnits).toBeGreaterThan(0);
    expect(calm.budgets.egress).toBeGreaterThan(0);
    expect(calm.budgets.impersonationTokens).toBeGreaterThan(0);
  });

  it('KVS units a minute: throttled with 429 RATE_LIMIT_EXCEEDED, the run waits for the next minutes and ends the same', async () => {
    const run = await syncOnce({ budgets: { limits: { kvsUnitsPerMinute: 30 } } });
    expectSameResult(run, 'kvs');
    expect(run.waitedMs).toBeGreaterThanOrEqual(60_000);
  });

  it('async events a minute: a refused push waits for the next minute', async () => {
    const run = await syncOnce({ limits: { maxRequestsPerStep: 3 }, budgets: { limits: { eventsPerMinute: 1 } } });
    expectSameResult(run, 'events');
    expect(run.waitedMs).toBeGreaterThanOrEqual(60_000);
  });

  it('egress per runtime-minute: a refused Graph request is retried in a later invocation', async () => {
    expectSameResult(await syncOnce({ budgets: { limits: { egressPerRuntimeMinute: 2 } } }), 'egress');
  });

  it("Jira's Tier-1 points pool: used up, the run waits for the top of the hour and ends the same", async () => {
    const run = await syncOnce({ jira: { pointsQuota: { pool: new PointsPool(40, 1), enforced: true } } });
    expectSameResult(run, null);
    expect(run.points).toBe(calm.points);
    expect(run.waitedMs).toBeGreaterThan(60_000);
  });

  it('offline impersonation tokens a minute: a refused token is a wait, not a refused write identity', async () => {
    // The first sync's writing invocation takes the minute's one token; the next run's must wait.
    const run = await syncOnce({ budgets: { limits: { impersonationTokensPerMinute: 1 } } }, syncedThenDrifted);
    expectSameResult(run, 'impersonation');
    expect(run.waitedMs).toBeGreaterThanOrEqual(60_000);
  });

  it('counting only: nothing is refused, and what enforcement would refuse is counted', async () => {
    const run = await syncOnce({ budgets: { enforce: false, limits: { kvsUnitsPerMinute: 30 } } });
    expectSameResult(run, null);
    expect(run.budgets.throttled.kvs).toBeGreaterThan(0);
    expect(run.waitedMs).toBeLessThan(60_000);
  });
});
