import { InProcessQueue } from '../dev/host/in-process-queue';
import { createLocalApp } from '../dev/host/local-app';
import { VirtualClock } from '../dev/host/virtual-clock';
import type { Scenario } from '../dev/scenario/scenario';
import { startGraphSimulator } from '../dev/sim/graph/graph-simulator';
import type { GraphSimulator } from '../dev/sim/graph/graph-simulator';
import { startJiraSimulator } from '../dev/sim/jira/jira-simulator';
import type { JiraSimulator } from '../dev/sim/jira/jira-simulator';
import type { App } from '../src/app';
import type { EngineLimits, StartRunRequest } from '../src/engine';
import { configuredActor, engineDepsOf, loadRun, startRun } from '../src/engine';
import type { AppDeps } from '../src/app-deps';
import type { Clock } from '../src/ports/clock';
import type { Settings } from '../src/settings/schema';
import { saveSettings } from '../src/settings/settings-store';
import { validateSettings } from '../src/settings/validate-settings';
import type { RequestTally } from './request-tally';
import type { RssSampler } from './rss-sampler';
import { InMemoryKeyValueStore } from '../dev/host/in-memory-kv-store';
import type { KvsCounts } from './kvs-meter';
import { KvsMeter } from './kvs-meter';

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
  /** What the run asked of KVS, in KVS units. */
  kvs: KvsCounts;
}

/** Waits really; used in latency mode so Retry-After and queue delays cost real time. */
const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/**
 * One pair of simulators, one KVS (values kept as JSON text) and one queue kept alive across the runs of a size,
 * driving the app like the local host does: every queued event is delivered, a virtual clock
 * skipping delays (or, in latency mode, a real clock waiting them out).
 */
export class BenchEnv {
  private app!: App;
  private deps!: AppDeps;
  readonly queue: InProcessQueue;
  readonly kv: InMemoryKeyValueStore;
  /** The app's view of the KVS, counted in KVS units. */
  readonly kvsMeter: KvsMeter;
  private readonly virtual: VirtualClock | null;
  private readonly clock: Clock;
  private settings!: Settings;

  private constructor(
    public graph: GraphSimulator,
    public readonly jira: JiraSimulator,
    private readonly options: { latency?: LatencyOptions; limits: Partial<EngineLimits> },
  ) {
    this.virtual = options.latency ? null : new VirtualClock();
    this.clock = this.virtual ?? realClock;
    this.kv = new InMemoryKeyValueStore(this.clock);
    this.kvsMeter = new KvsMeter(this.kv);
    this.queue = new InProcessQueue(() => this.clock.now());
    this.wire();
  }

  static async start(scenario: Scenario, options: { latency?: LatencyOptions; limits: Partial<EngineLimits> }): Promise<BenchEnv> {
    const graph = await startGraphSimulator(scenario, { latencyMs: options.latency?.graphMs });
    const jira = await startJiraSimulator(scenario, { latencyMs: options.latency?.jiraMs, burstLimitPerSecond: options.latency?.burstPerSecond });
    const env = new BenchEnv(graph, jira, options);
    env.settings = validateSettings(scenario.settings);
    await saveSettings(env.kv, env.settings);
    return env;
  }

  private wire(): void {
    const { app, deps } = createLocalApp({ kv: this.kvsMeter, queue: this.queue, clock: this.clock, endpoints: { loginBaseUrl: this.graph.url, graphBaseUrl: this.graph.url, jiraBaseUrl: this.jira.url }, limits: this.options.limits });
    this.app = app;
    this.deps = deps;
  }

  /** Replaces the Graph simulator with one seeded from `scenario` (when it cannot be mutated live). */
  async replaceGraph(scenario: Scenario): Promise<void> {
    await this.graph.close();
    this.graph = await startGraphSimulator(scenario, { latencyMs: this.options.latency?.graphMs });
    this.wire();
  }

  /** Starts a run of `kind` and delivers every event until the queue is empty, measuring each invocation. */
  async run(kind: RunKind, sampler: RssSampler, tally: RequestTally): Promise<RunMeasure> {
    const settings = this.settings;
    const actor = configuredActor(settings);
    const request: StartRunRequest & { kind: RunKind } = { trigger: 'cli', mode: 'apply', settings, actor, kind };
    const before = this.counters();
    const skippedBefore = this.virtual?.skippedMs() ?? 0;
    sampler.reset();
    tally.take();
    this.kvsMeter.take();
    const started = performance.now();
    const runId = (await startRun(engineDepsOf(this.deps), request)).summary.id;
    const stats: InvocationStat[] = [];
    let gcMs = 0;
    const heaps: Array<{ baselineHeapMb: number; heapDeltaMb: number }> = [];
    for (let next = this.queue.takeNext(); next; next = this.queue.takeNext()) {
      const wait = next.dueAt - this.clock.now();
      if (this.virtual) this.virtual.advance(wait);
      else if (wait > 0) await realClock.sleep(wait);
      const at = this.counters();
      const gcStarted = performance.now();
      sampler.startInvocation();
      gcMs += performance.now() - gcStarted;
      const t0 = performance.now();
      await this.app.onSyncEvent(next.body);
      const ms = performance.now() - t0;
      const memory = sampler.endInvocation();
      const after = this.counters();
      stats.push({ ms, graphEgress: after.graph + after.token - at.graph - at.token, jira: after.jira - at.jira, heapMb: memory.heapDeltaMb });
      heaps.push(memory);
    }
    // The GC before each invocation is the benchmark's own, not the run's.
    const wallMs = performance.now() - started - gcMs;
    const end = this.counters();
    const run = await loadRun(this.kv, runId);
    const summary = run?.summary as (Record<string, unknown> & { status?: string; error?: { code: string; message: string } | null; warnings?: string[] }) | undefined;
    const longest = stats.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, graphEgress: 0, jira: 0, heapMb: 0 });
    const biggest = heaps.reduce((a, b) => (b.heapDeltaMb > a.heapDeltaMb ? b : a), { baselineHeapMb: 0, heapDeltaMb: 0 });
    const kvs = this.kv.size();
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
      gcBeforeInvocation: sampler.gcAvailable,
      kvsKeys: kvs.keys,
      kvsBytes: kvs.bytes,
      requests: tally.take(),
      jiraPoints: end.points - before.points,
      kvs: this.kvsMeter.take(),
    };
  }

  private counters(): { graph: number; token: number; jira: number; writes: number; points: number } {
    return { graph: this.graph.graphRequestCount(), token: this.graph.tokenRequestCount(), jira: this.jira.requestCount(), writes: this.jira.writeCount(), points: this.jira.pointsUsed() };
  }

  async close(): Promise<void> {
    await this.graph.close();
    await this.jira.close();
  }
}
