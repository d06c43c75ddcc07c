import { combineMeasures } from './cycle-measure';
import type { Scenario } from '../dev/scenario/scenario';
import { CYCLE_MS, effectiveCycle } from '../src/core/drift-repair';
import { WRITE_IDENTITY_TRUSTED_MS } from '../src/engine/stages/apply/write-identity';
import { DEFAULT_LIMITS } from '../src/engine';
import type { LatencyOptions, RunKind, RunMeasure } from './bench-env';
import { BenchEnv } from './bench-env';
import { applyChurn, applyChurnLive, makeChurn } from './churn';
import { applyDrift, makeDrift } from './jira-drift';
import type { Bounds } from './lower-bounds';
import {
  boundTimeMs,
  driftRepairJiraReadBound,
  entraChange,
  fullBounds,
  graphIncrementalBound,
  incrementalJiraReadBound,
} from './lower-bounds';
import type { NeededChanges } from './reference';
import { expectedState, neededChanges, residualChanges } from './reference';
import { RequestTally } from './request-tally';
import { collectGarbage, RssSampler } from './rss-sampler';
import type { TenantPreset } from './tenant-generator';
import { BENCH_ADMIN, generateTenant, groupsFor, TENANT_PRESETS } from './tenant-generator';

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
  /** Tenant shape (default `forest`, the original one). */
  preset?: TenantPreset;
  /** How many of the runs to make, in order (default all of RUNS; 1 = the first sync only). */
  runs?: number;
  /** Jira refuses requests over a Tier-1 pool of this many points an hour (the whole app's: 65,000) on the virtual clock. */
  jiraPoolPointsPerHour?: number;
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
  /** The first of those changes, described (user, account, group), when Jira is off the reference. */
  residualDetail: string[];
  /** Users an incremental run had to look at (changed in scope), for the incremental Jira bound. */
  changedUsers: number | null;
  boundTimeMs: number | null;
  /** The drift-repair cycle the run's clock was moved on by (the drift-repair row only). */
  cycleMs?: number;
  /** The scheduled runs that row's cycle took (each also one of the day's hourly runs). */
  cycleRuns?: number;
}

export interface SizeResult {
  rows: BenchRow[];
  setupMs: number;
  baselineRssMb: number;
  /** heapUsed after a full GC once the tenant and simulators are set up, MB (null without --expose-gc). */
  baselineHeapMb: number | null;
  maxRssMb: number;
}

/** Scheduled runs a drift-repair cycle may take (hourly for a week), and the schedule's interval. */
const MAX_CYCLE_RUNS = 7 * 24;
const HOUR_MS = 3_600_000;

/** The runs of one size, in order; `--runs N` makes the first N. */
export const RUNS = [
  'first full sync',
  'no-change rerun',
  '1% churn',
  'drift repair',
  'drift + full reconcile',
] as const;

/** The runs of one size, on one pair of simulators and one KVS (RUNS). */
export async function benchSize(
  config: SizeConfig,
  log: (line: string) => void = () => undefined,
): Promise<SizeResult> {
  const t0 = performance.now();
  const groups = config.groups ?? groupsFor(config.users);
  const { scenario, nextUserIndex } = generateTenant({
    ...TENANT_PRESETS[config.preset ?? 'forest'],
    users: config.users,
    groups,
    seed: config.seed,
  });
  const tally = new RequestTally();
  const env = await BenchEnv.start(scenario, {
    users: config.users,
    seed: config.seed,
    preset: config.preset ?? 'forest',
    latency: config.latency,
    limits: { ...DEFAULT_LIMITS, stepBudgetMs: config.stepBudgetMs },
    tally,
    jiraPoolPointsPerHour: config.jiraPoolPointsPerHour,
  });
  const sampler = new RssSampler();
  const setupMs = performance.now() - t0;
  const gc = collectGarbage();
  const baselineHeapMb = gc ? Math.round(process.memoryUsage().heapUsed / 1_048_576) : null;
  const baselineRssMb = sampler.peakMb();
  const rows: BenchRow[] = [];
  const accounts = scenario.jira.users.filter((u) => u.accountId !== BENCH_ADMIN && u.active).map((u) => u.accountId);
  let current: Scenario = scenario;

  // The Entra state the previous run read: incremental bounds count the changes since then.
  let lastRead: Scenario = scenario;
  // When the write identity was last found healthy: a run within a day of it writes without asking again.
  let identityCheckedAt: number | null = null;
  const measure = async (
    run: string,
    kind: RunKind,
    secretCheckDue: boolean,
    note: string,
    cycleMs?: number,
  ): Promise<void> => {
    log(`${config.users} users: ${run}…`);
    const expected = expectedState(current);
    const before = await env.jiraGroups();
    const needed = neededChanges(expected, before);
    const full = fullBounds(current, expected, before, needed, secretCheckDue);
    const change = entraChange(lastRead, current);
    const startedAt = env.now();
    const identityTrusted = identityCheckedAt !== null && startedAt - identityCheckedAt < WRITE_IDENTITY_TRUSTED_MS;
    const jiraIncremental = incrementalJiraReadBound(
      change,
      current,
      expectedState(lastRead),
      expected,
      before,
      needed,
      identityTrusted,
    );
    let m = await env.run(kind, sampler, tally);
    // A drift-repair cycle is the scheduled runs that read every managed group once: hourly runs until then.
    let cycleRuns = 1;
    for (let round = 1; cycleMs && m.driftRepair && m.driftRepair.groups < m.driftRepair.of; round++) {
      if (round > MAX_CYCLE_RUNS)
        throw new Error(`drift repair read ${m.driftRepair.groups} of ${m.driftRepair.of} groups in ${round} runs`);
      env.advance(HOUR_MS);
      m = combineMeasures(m, await env.run('auto', sampler, tally));
      cycleRuns++;
    }
    lastRead = current;
    const incremental = m.kindRan === 'incremental';
    if (!incremental || (needed.total > 0 && !identityTrusted)) identityCheckedAt = startedAt;
    // A drift repair that read every managed group (the whole cycle's share) reads their members too;
    // a slice of some (a run that fell due on its own) is not in the bound, which cannot tell which.
    const driftRead = m.driftRepair !== null && m.driftRepair.groups > 0 && m.driftRepair.groups === m.driftRepair.of;
    const bounds: Bounds = incremental
      ? {
          // Each further run of the cycle opens its two delta rounds; the secret's expiry is read once a day.
          graph:
            graphIncrementalBound(change, expected) +
            (secretCheckDue ? 1 : 0) +
            2 * (cycleRuns - 1) +
            Math.floor((cycleRuns - 1) / 24),
          jiraReads: driftRead
            ? driftRepairJiraReadBound(current, expected, before, needed, jiraIncremental.userReads, identityTrusted)
            : jiraIncremental.reads,
          jiraWrites: needed.total,
        }
      : full;
    const after = await env.jiraGroups();
    const residual = residualChanges(expected, after, current, await env.jiraUsers());
    const ranNote = m.kindRan
      ? `${kind === m.kindRan ? '' : `asked ${kind}, `}ran ${m.kindRan}${m.kindWhy ? ` (${m.kindWhy})` : ''}`
      : kind === 'full'
        ? 'full'
        : `asked ${kind}; engine has no run kinds yet, ran full`;
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
      residual: residual.length,
      residualDetail: residual.slice(0, 50),
      changedUsers: incremental ? jiraIncremental.changedUsers : null,
      boundTimeMs: latency
        ? boundTimeMs(bounds.graph, bounds.jiraReads + bounds.jiraWrites, latency, config.concurrency)
        : null,
      ...(cycleMs ? { cycleMs, cycleRuns } : {}),
    });
    log(
      `  ${m.status} in ${(m.wallMs / 1000).toFixed(1)} s: graph ${m.graphCalls}/${bounds.graph}, jira ${m.jiraCalls - m.jiraWrites - m.jiraPoolRefusals}/${bounds.jiraReads} reads, ${m.jiraWrites}/${needed.total} writes, ${m.invocations} invocations, invocation heap ${m.maxInvocationHeapMb.toFixed(0)} MB, KVS ${(m.kvsBytes / 1_048_576).toFixed(1)} MB${m.error ? ` (${m.error})` : ''}`,
    );
    log(`  requests: ${JSON.stringify(m.requests)}`);
    if (incremental)
      log(
        `  incremental bounds: graph ${bounds.graph} (${change.users.size} users and ${change.groups.size} groups changed, ${change.memberRefs} member refs); jira reads ${jiraIncremental.parts}`,
      );
    for (const line of residual.slice(0, 50)) log(`  still off: ${line}`);
  };

  const runs = config.runs ?? RUNS.length;
  const drift = async (seed: number): Promise<string> => {
    const ops = makeDrift(await env.jiraGroups(), expectedState(current), accounts, { seed, rate: config.driftRate });
    await applyDrift(env.sims.jiraUrl, BENCH_ADMIN, ops);
    return `${ops.length} memberships changed by hand in Jira`;
  };
  try {
    await measure(RUNS[0], 'full', true, '');
    if (runs >= 2) await measure(RUNS[1], 'incremental', false, '');
    if (runs >= 3) {
      const churn = makeChurn(current, { seed: config.seed + 1, rate: config.churnRate, nextUserIndex });
      current = applyChurn(current, churn);
      await applyChurnLive(env.graphMutations(), churn);
      await measure(RUNS[2], 'incremental', false, `${churn.length} Entra changes`);
    }
    // A real clock (latency mode) cannot skip a drift-repair cycle: that row needs the virtual one.
    if (runs >= 4 && !config.latency) {
      const note = await drift(config.seed + 2);
      // One whole drift-repair cycle later every managed group is due; the row is the hourly runs that read them all.
      const cycle = effectiveCycle(scenario.settings.driftRepair?.cycle ?? 'auto', false);
      env.advance(CYCLE_MS[cycle]);
      await measure(RUNS[3], 'auto', true, `${note}; clock moved on one ${cycle} cycle`, CYCLE_MS[cycle]);
    }
    if (runs >= 5) await measure(RUNS[4], 'full', false, await drift(config.seed + 3));
  } finally {
    sampler.stop();
    await env.close();
  }
  return { rows, setupMs, baselineRssMb, baselineHeapMb, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}
