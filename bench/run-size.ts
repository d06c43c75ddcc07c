import type { Scenario } from '../dev/scenario/scenario';
import { DEFAULT_LIMITS } from '../src/engine/engine-deps';
import type { LatencyOptions, RunKind, RunMeasure } from './bench-env';
import { BenchEnv } from './bench-env';
import { applyChurn, applyChurnLive, hasMutations, makeChurn } from './churn';
import { applyDrift, makeDrift } from './jira-drift';
import type { Bounds } from './lower-bounds';
import { boundTimeMs, fullBounds, GRAPH_DELTA_NO_CHANGE_BOUND, incrementalJiraReadBound } from './lower-bounds';
import type { NeededChanges } from './reference';
import { expectedState, neededChanges } from './reference';
import { RequestTally } from './request-tally';
import { RssSampler } from './rss-sampler';
import { BENCH_ADMIN, generateTenant, groupsFor } from './tenant-generator';

export interface SizeConfig {
  users: number;
  groups?: number;
  seed: number;
  latency?: LatencyOptions;
  /** Requests in flight the lower-bound time assumes. */
  concurrency: number;
  stepBudgetMs: number;
  churnRate: number;
  driftRate: number;
}

export interface BenchRow {
  users: number;
  groups: number;
  syncedGroups: number;
  run: string;
  note: string;
  measure: RunMeasure;
  bounds: Bounds;
  needed: NeededChanges;
  /** Changes still needed after the run (0 = Jira matches the reference). */
  residual: number;
  boundTimeMs: number | null;
}

export interface SizeResult {
  rows: BenchRow[];
  setupMs: number;
  baselineRssMb: number;
  maxRssMb: number;
}

/** The four runs of one size, on one pair of simulators and one KVS: full, no-change, churn, drift + reconcile. */
export async function benchSize(config: SizeConfig, log: (line: string) => void = () => undefined): Promise<SizeResult> {
  const t0 = performance.now();
  const groups = config.groups ?? groupsFor(config.users);
  const { scenario, nextUserIndex } = generateTenant({ users: config.users, groups, seed: config.seed });
  const env = await BenchEnv.start(scenario, { latency: config.latency, limits: { ...DEFAULT_LIMITS, stepBudgetMs: config.stepBudgetMs } });
  const sampler = new RssSampler();
  const tally = new RequestTally();
  tally.install();
  const setupMs = performance.now() - t0;
  const baselineRssMb = sampler.peakMb();
  const rows: BenchRow[] = [];
  const accounts = scenario.jira.users.filter((u) => u.accountId !== BENCH_ADMIN && u.active).map((u) => u.accountId);
  let current: Scenario = scenario;

  const measure = async (run: string, kind: RunKind, secretCheckDue: boolean, note: string, newUsers = 0): Promise<void> => {
    log(`${config.users} users: ${run}…`);
    const expected = expectedState(current);
    const before = env.jira.groups();
    const needed = neededChanges(expected, before);
    const full = fullBounds(current, expected, before, needed, secretCheckDue);
    const m = await env.run(kind, sampler, tally);
    const incremental = m.kindRan === 'incremental';
    const bounds: Bounds = incremental ? { graph: GRAPH_DELTA_NO_CHANGE_BOUND, jiraReads: incrementalJiraReadBound(newUsers, needed.total), jiraWrites: needed.total } : full;
    const ranNote = m.kindRan ? `${kind === m.kindRan ? '' : `asked ${kind}, `}ran ${m.kindRan}${m.kindWhy ? ` (${m.kindWhy})` : ''}` : kind === 'full' ? 'full' : `asked ${kind}; engine has no run kinds yet, ran full`;
    const latency = config.latency;
    rows.push({
      users: config.users,
      groups,
      syncedGroups: expected.desired.size,
      run,
      note: [ranNote, note].filter(Boolean).join('; '),
      measure: m,
      bounds,
      needed,
      residual: neededChanges(expected, env.jira.groups()).total,
      boundTimeMs: latency ? boundTimeMs(bounds.graph, bounds.jiraReads + bounds.jiraWrites, latency, config.concurrency) : null,
    });
    log(`  ${m.status} in ${(m.wallMs / 1000).toFixed(1)} s: graph ${m.graphCalls}/${bounds.graph}, jira ${m.jiraCalls - m.jiraWrites}/${bounds.jiraReads} reads, ${m.jiraWrites}/${needed.total} writes, ${m.invocations} invocations${m.error ? ` (${m.error})` : ''}`);
  };

  try {
    await measure('first full sync', 'full', true, '');
    await measure('no-change rerun', 'incremental', false, '');
    const churn = makeChurn(current, { seed: config.seed + 1, rate: config.churnRate, nextUserIndex });
    current = applyChurn(current, churn);
    const graph: object = env.graph;
    const live = hasMutations(graph);
    if (live) await applyChurnLive(graph, churn);
    else await env.replaceGraph(current);
    await measure(`${Math.round(config.churnRate * 100)}% churn`, 'incremental', false, `${churn.length} Entra changes${live ? '' : ', Graph simulator reseeded (no mutation helpers)'}`, churn.filter((c) => c.op === 'addUser').length);
    const drift = makeDrift(env.jira, expectedState(current), accounts, { seed: config.seed + 2, rate: config.driftRate });
    await applyDrift(env.jira, BENCH_ADMIN, drift);
    await measure('drift + full reconcile', 'full', false, `${drift.length} memberships changed by hand in Jira`);
  } finally {
    sampler.stop();
    tally.uninstall();
    await env.close();
  }
  return { rows, setupMs, baselineRssMb, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}
