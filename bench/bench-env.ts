import { startForgeApp } from '../dev/forge-runtime/forge-app';
import type { ForgeApp } from '../dev/forge-runtime/forge-app';
import type { BudgetCounts } from '../dev/forge-runtime/platform-budgets';
import { InMemoryKeyValueStore } from '../dev/host/in-memory-kv-store';
import { loopbackFetch } from '../dev/host/loopback-fetch';
import { InProcessQueue } from '../dev/host/in-process-queue';
import { VirtualClock } from '../dev/host/virtual-clock';
import type { Scenario } from '../dev/scenario/scenario';
import type { PointsIdentity } from '../dev/sim/jira/points-quota';
import type { EngineLimits } from '../src/engine';
import { loadRun, STORAGE_KEYS } from '../src/engine';
import type { Clock } from '../src/ports/clock';
import { saveSettings } from '../src/settings/settings-store';
import { validateSettings } from '../src/settings/validate-settings';
import type { GraphMutations } from './churn';
import { RemoteSims } from './remote-sims';
import type { RequestTally } from './request-tally';
import type { RssSampler } from './rss-sampler';
import type { TenantPreset } from './tenant-generator';
import { BENCH_ADMIN } from './tenant-generator';

/** What a run asked of KVS, in KVS units (the runtime's budget meter). */
export interface KvsCounts {
  reads: number;
  writes: number;
  units: number;
  /** The largest value written, bytes. */
  largestValue: number;
}

export type RunKind = 'full' | 'incremental' | 'auto';

export interface LatencyOptions {
  graphMs: number;
  jiraMs: number;
  /** Jira burst limit per endpoint and method per second. */
  burstPerSecond: number;
}

export interface InvocationStat {
  ms: number;
  /** Egress requests: Graph API plus token requests (Forge counts both). */
  graphEgress: number;
  jira: number;
  /** Peak JS heap the invocation used above its post-GC baseline, MB. */
  heapMb: number;
}

export interface RunMeasure {
  status: string;
  error: string | null;
  kindRequested: RunKind;
  /** The kind the engine reports it ran; null when its run record has no kind (full runs only). */
  kindRan: string | null;
  /** Why the engine ran full when another kind was asked (its "Full run: …" warning). */
  kindWhy: string | null;
  wallMs: number;
  virtualSkippedMs: number;
  invocations: number;
  graphCalls: number;
  tokenCalls: number;
  jiraCalls: number;
  jiraWrites: number;
  longest: InvocationStat;
  maxGraphEgress: number;
  maxJira: number;
  peakRssMb: number;
  /** The largest per-invocation heap delta of the run (peak heapUsed − post-GC baseline), MB. */
  maxInvocationHeapMb: number;
  /** Which invocation that was, and where the run stood when it began (phase, part). */
  maxHeapWhere: string;
  /** Post-GC heapUsed before that invocation, MB (the process's own baseline: simulators, tenant). */
  heapBaselineMb: number;
  /** Whether the heap figures had a GC before each invocation (`--expose-gc`). */
  gcBeforeInvocation: boolean;
  /** The KVS after the run: live keys and bytes (keys + JSON values). */
  kvsKeys: number;
  kvsBytes: number;
  /** The app's requests by method and path shape. */
  requests: Record<string, number>;
  /** Jira points charged to the app's hourly pool (Forge identities; API-token traffic is exempt). */
  jiraPoints: number;
  /** Points by identity: app and impersonated user draw on the pool; API-token points are exempt. */
  pointsByIdentity: Record<PointsIdentity, number>;
  /** What the run asked of KVS, in KVS units. */
  kvs: KvsCounts;
  /** The most KVS units any one minute of the run used (Forge allows 4,000 a minute per installation). */
  peakKvsUnitsPerMinute: number;
  /** Async events pushed (Forge: 500 a minute per installation), impersonation tokens, egress requests. */
  events: number;
  impersonationTokens: number;
  egress: number;
  /** Requests Forge's budgets throttled during the run, by budget (the engine waited them out). */
  throttled: BudgetCounts['throttled'];
  /** The managed groups the run's drift repair read, of all managed groups (null when the run has none). */
  driftRepair: { groups: number; of: number } | null;
  /** Jira points the run's drift-repair reads spent (part of jiraPoints). */
  driftPoints: number;
  /** Requests Jira refused with the Tier-1 pool's 429 (only with the pool enforced; the engine waited them out). */
  jiraPoolRefusals: number;
}

/** Forge's default invocation memory (forge-platform.md §7): heaps above half of it are logged with their phase. */
const FORGE_MEMORY_DEFAULT_MB = 512;

/** Waits really; used in latency mode so Retry-After and queue delays cost real time. */
const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/**
 * The deployed bundle on the local Forge runtime (Forge's budgets enforced), with one KVS (values
 * kept as JSON text) and one queue kept alive across the runs of a size, and the simulators in a
 * process of their own. Every queued event is delivered in turn on a virtual clock that skips
 * delays (or, in latency mode, a real clock that waits them out).
 */
export class BenchEnv {
  readonly queue: InProcessQueue;
  readonly kv: InMemoryKeyValueStore;
  private readonly virtual: VirtualClock | null;
  private readonly clock: Clock;
  private readonly app: ForgeApp;
  private readonly jiraPoolEnforced: boolean;

  private constructor(
    readonly sims: RemoteSims,
    options: {
      latency?: LatencyOptions;
      limits: Partial<EngineLimits>;
      tally: RequestTally;
      jiraPoolPointsPerHour?: number;
    },
  ) {
    this.jiraPoolEnforced = options.jiraPoolPointsPerHour !== undefined;
    this.virtual = options.latency ? null : new VirtualClock();
    const virtual = this.virtual;
    this.clock = virtual ?? realClock;
    this.kv = new InMemoryKeyValueStore(this.clock);
    this.queue = new InProcessQueue(() => this.clock.now());
    this.app = startForgeApp({
      kv: this.kv,
      queue: this.queue,
      time: virtual ? { now: () => virtual.now(), advance: (ms) => virtual.advance(ms) } : { now: () => Date.now() },
      jira: { baseUrl: sims.jiraUrl },
      graphUrl: sims.graphUrl,
      limits: options.limits,
      network: options.tally.counted(loopbackFetch()),
    });
  }

  static async start(
    scenario: Scenario,
    options: {
      users: number;
      seed: number;
      preset: TenantPreset;
      latency?: LatencyOptions;
      limits: Partial<EngineLimits>;
      /** Counts the app's requests by shape. */
      tally: RequestTally;
      /** Jira refuses requests over the Tier-1 pool on the app's virtual clock (not with latency: a real hour would pass). */
      jiraPoolPointsPerHour?: number;
    },
  ): Promise<BenchEnv> {
    if (options.jiraPoolPointsPerHour !== undefined && options.latency)
      throw new Error('The Jira pool is enforced on the virtual clock only: drop --latency or the pool.');
    const sims = await RemoteSims.start({
      users: options.users,
      seed: options.seed,
      preset: options.preset,
      latency: options.latency,
      jiraPoolPointsPerHour: options.jiraPoolPointsPerHour,
    });
    const env = new BenchEnv(sims, options);
    // Incremental runs start as on Forge: from the scheduled trigger (its `auto` kind).
    await saveSettings(env.kv, validateSettings({ ...scenario.settings, schedule: { enabled: true, interval: '5m' } }));
    return env;
  }

  jiraGroups(): Promise<Array<{ name: string; groupId: string; members: string[] }>> {
    return this.sims.call('jira', 'groups');
  }

  jiraUsers(): Promise<
    Array<{
      accountId: string;
      emailAddress: string;
      displayName: string;
      active: boolean;
      accountType: string;
      products: string[];
    }>
  > {
    return this.sims.call('jira', 'users');
  }

  /** The Graph simulator's mutation helpers, over IPC. */
  graphMutations(): GraphMutations {
    const call =
      (name: string) =>
      (...args: unknown[]) =>
        this.sims.call('graph', name, ...args);
    return {
      addUser: call('addUser'),
      updateUser: call('updateUser'),
      deleteUser: call('deleteUser'),
      addMember: call('addMember'),
      removeMember: call('removeMember'),
    };
  }

  /** Starts a run as Forge would (full: Sync now on the admin page; otherwise the scheduled trigger), then delivers every event, measuring each invocation. */
  async run(kind: RunKind, sampler: RssSampler, tally: RequestTally): Promise<RunMeasure> {
    const runId = await this.startRun(kind);
    const before = await this.counters();
    this.app.runtime.budgets.restartPeak();
    const skippedBefore = this.virtual?.skippedMs() ?? 0;
    sampler.reset();
    tally.take();
    const started = performance.now();
    const stats: InvocationStat[] = [];
    let gcMs = 0;
    const heaps: Array<{ baselineHeapMb: number; heapDeltaMb: number; where: string }> = [];
    for (let next = this.queue.takeNext(); next; next = this.queue.takeNext()) {
      const wait = next.dueAt - this.clock.now();
      if (this.virtual) this.virtual.advance(wait);
      else if (wait > 0) await realClock.sleep(wait);
      const at = await this.counters();
      const gcStarted = performance.now();
      sampler.startInvocation();
      gcMs += performance.now() - gcStarted;
      // Where the run stood when the invocation began (read past the runtime: not metered).
      const where = await this.whereRunStands(runId, stats.length + 1);
      if (this.jiraPoolEnforced) await this.sims.call('clock', 'setNow', this.clock.now());
      const t0 = performance.now();
      await this.app.deliver(next);
      const ms = performance.now() - t0;
      const memory = sampler.endInvocation();
      const after = await this.counters();
      stats.push({
        ms,
        graphEgress: after.budgets.egress - at.budgets.egress,
        jira: after.jira - at.jira,
        heapMb: memory.heapDeltaMb,
      });
      heaps.push({ ...memory, where });
      if (memory.heapDeltaMb > FORGE_MEMORY_DEFAULT_MB / 2)
        process.stderr.write(`  invocation ${stats.length} (${where}): heap ${memory.heapDeltaMb.toFixed(0)} MB\n`);
      // Progress of long runs (stderr): what a run that does not finish in time got to.
      if (stats.length % 10 === 0)
        process.stderr.write(
          `  invocation ${stats.length}: ${(ms / 1000).toFixed(1)} s, heap ${memory.heapDeltaMb.toFixed(0)} MB; run so far ${after.writes - before.writes} Jira writes, ${after.points - before.points} points, ${after.budgets.kvsUnits - before.budgets.kvsUnits} KVS units\n`,
        );
    }
    // The GC before each invocation is the benchmark's own, not the run's.
    const wallMs = performance.now() - started - gcMs;
    const end = await this.counters();
    const run = await loadRun(this.kv, runId);
    const summary = run?.summary as
      | (Record<string, unknown> & {
          status?: string;
          error?: { code: string; message: string } | null;
          warnings?: string[];
          driftRepair?: { groups: number; of: number };
        })
      | undefined;
    const longest = stats.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, graphEgress: 0, jira: 0, heapMb: 0 });
    const biggest = heaps.reduce((a, b) => (b.heapDeltaMb > a.heapDeltaMb ? b : a), {
      baselineHeapMb: 0,
      heapDeltaMb: 0,
      where: '',
    });
    const kvs = this.kv.size();
    const diff = (key: 'kvsUnits' | 'kvsReads' | 'kvsWrites' | 'events' | 'impersonationTokens' | 'egress') =>
      end.budgets[key] - before.budgets[key];
    const throttled = Object.fromEntries(
      Object.entries(end.budgets.throttled).map(([k, v]) => [
        k,
        v - before.budgets.throttled[k as keyof BudgetCounts['throttled']],
      ]),
    ) as BudgetCounts['throttled'];
    return {
      status: summary?.status ?? 'not-started',
      error: summary?.error ? `${summary.error.code}: ${summary.error.message}` : null,
      kindRequested: kind,
      kindRan: typeof summary?.kind === 'string' ? summary.kind : null,
      kindWhy: summary?.warnings?.find((w) => w.startsWith('Full run:')) ?? null,
      wallMs,
      virtualSkippedMs: (this.virtual?.skippedMs() ?? 0) - skippedBefore,
      invocations: stats.length,
      graphCalls: end.graph - before.graph,
      tokenCalls: end.token - before.token,
      jiraCalls: end.jira - before.jira,
      jiraWrites: end.writes - before.writes,
      longest,
      maxGraphEgress: Math.max(0, ...stats.map((s) => s.graphEgress)),
      maxJira: Math.max(0, ...stats.map((s) => s.jira)),
      peakRssMb: sampler.peakMb(),
      maxInvocationHeapMb: biggest.heapDeltaMb,
      heapBaselineMb: biggest.baselineHeapMb,
      maxHeapWhere: biggest.where,
      gcBeforeInvocation: sampler.gcAvailable,
      kvsKeys: kvs.keys,
      kvsBytes: kvs.bytes,
      requests: tally.take(),
      jiraPoints: end.points - before.points,
      pointsByIdentity: {
        app: end.byIdentity.app - before.byIdentity.app,
        impersonatedUser: end.byIdentity.impersonatedUser - before.byIdentity.impersonatedUser,
        apiToken: end.byIdentity.apiToken - before.byIdentity.apiToken,
      },
      kvs: {
        reads: diff('kvsReads'),
        writes: diff('kvsWrites'),
        units: diff('kvsUnits'),
        largestValue: end.budgets.kvsLargestValue,
      },
      // The runtime's own window: the minute the budget is enforced on, not the minute an invocation began in.
      peakKvsUnitsPerMinute: end.budgets.kvsMostInMinute,
      events: diff('events'),
      impersonationTokens: diff('impersonationTokens'),
      egress: diff('egress'),
      throttled,
      driftRepair: summary?.driftRepair ?? null,
      driftPoints: (run?.cursor as { drift?: { points?: number } } | undefined)?.drift?.points ?? 0,
      jiraPoolRefusals: end.poolRefusals - before.poolRefusals,
    };
  }

  /** Moves the app's time on (virtual clock only: a real clock cannot skip a drift-repair cycle). */
  /** The clock the app runs on (virtual unless latency mode). */
  now(): number {
    return this.clock.now();
  }

  advance(ms: number): void {
    if (!this.virtual) throw new Error('Only the virtual clock can be moved on (run without --latency)');
    this.virtual.advance(ms);
  }

  private async whereRunStands(runId: string, invocation: number): Promise<string> {
    const run = await loadRun(this.kv, runId);
    return `invocation ${invocation}, phase ${run?.summary.phase ?? '?'}`;
  }

  private async startRun(kind: RunKind): Promise<string> {
    if (kind === 'full') {
      const started = await this.app.resolve('syncNow', {}, { accountId: BENCH_ADMIN });
      if (!started.ok) throw new Error(`Sync now was refused: ${JSON.stringify(started)}`);
      return (started.data as { id: string }).id;
    }
    await this.kv.set(STORAGE_KEYS.lastScheduledStart, 0);
    const outcome = await this.app.onScheduledTick();
    const lease = await this.kv.get<{ runId: string }>(STORAGE_KEYS.runLock);
    if (outcome !== 'started' || !lease) throw new Error(`The scheduled trigger did not start a run (${outcome})`);
    return lease.runId;
  }

  private async counters() {
    const [graph, token, jira, writes, points, byIdentity, poolRefusals] = await Promise.all([
      this.sims.call<number>('graph', 'graphRequestCount'),
      this.sims.call<number>('graph', 'tokenRequestCount'),
      this.sims.call<number>('jira', 'requestCount'),
      this.sims.call<number>('jira', 'writeCount'),
      this.sims.call<number>('jira', 'pointsUsed'),
      this.sims.call<Record<PointsIdentity, number>>('jira', 'pointsByIdentity'),
      this.sims.call<number>('jira', 'quotaRefusals'),
    ]);
    return {
      graph,
      token,
      jira,
      writes,
      points,
      byIdentity,
      poolRefusals,
      budgets: this.app.runtime.budgets.totals(),
    };
  }

  close(): Promise<void> {
    return this.sims.close();
  }
}
