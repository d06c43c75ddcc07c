import path from 'node:path';
import { InMemoryKeyValueStore } from '../../dev/host/in-memory-kv-store';
import { InProcessQueue } from '../../dev/host/in-process-queue';
import type { ForgeApp } from '../../dev/forge-runtime/forge-app';
import { startForgeApp } from '../../dev/forge-runtime/forge-app';
import { VirtualClock } from '../../dev/host/virtual-clock';
import { loadScenario } from '../../dev/scenario/load-scenario';
import type { Scenario } from '../../dev/scenario/scenario';
import type { GraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { startGraphSimulator } from '../../dev/sim/graph/graph-simulator';
import type { JiraSimulator } from '../../dev/sim/jira/jira-simulator';
import { startJiraSimulator } from '../../dev/sim/jira/jira-simulator';
import type { EngineLimits, RunRecord } from '../../src/engine';
import { isFinished, loadRun, runDetail } from '../../src/engine';
import type { Clock } from '../../src/ports/clock';
import type { SyncEventBody } from '../../src/ports/work-queue';
import { saveSettings } from '../../src/settings/settings-store';
import { validateSettings } from '../../src/settings/validate-settings';
import type { Envelope, RunDetail, RunSummary } from '../../src/shared/resolver-contract';

/**
 * A fault driver: the deployed bundle on the local Forge runtime, as the local host runs it, over the simulators, with a virtual
 * clock, plus the faults Forge can produce. A "process" that dies makes every later storage call,
 * queue push and HTTP request of that invocation fail (as if the function were killed), the
 * invocation is then retried with the same event, events can be duplicated and replayed out of
 * order, and every Jira request is recorded so repeated writes can be counted.
 */

export const SITE_ADMIN = '5b10ac8d82e05b22cc7d0900';
export const PLAIN_MEMBER = '5b10ac8d82e05b22cc7d0001';
export const asSiteAdmin = { accountId: SITE_ADMIN };

export function scenarioFile(name: string): Scenario {
  return loadScenario(path.resolve(__dirname, '../../dev/scenarios', `${name}.json`));
}

/** The demo tenant with the schedule off, so ticks only nudge stalled runs and never start one. */
export function quietDemo(): Scenario {
  const s = scenarioFile('demo');
  return { ...s, settings: { ...s.settings, schedule: { enabled: false } } };
}

/** Shared by the store, the queue and fetch: a dead process fails every side effect. */
export interface ProcessState {
  dead: boolean;
  /** Side effects seen so far in the current invocation (storage writes, pushes, Jira writes). */
  effects: number;
  /** Kills the process right after this side effect of the current invocation (1-based). */
  killAfterEffect: number | null;
  /** Kills the process when the run record is about to be written (before the checkpoint). */
  killBeforeCheckpoint: boolean;
  /** Kills the process right after the run record was written (after the checkpoint). */
  killAfterCheckpoint: boolean;
  /** Successful Jira writes in the current invocation. */
  jiraWrites: number;
  /** Kills the process right after this Jira write of the current invocation (1-based). */
  killAfterJiraWrite: number | null;
}

export class ProcessCrash extends Error {
  constructor(what: string) {
    super(`process crashed (injected) at ${what}`);
  }
}

function freshProcess(): ProcessState {
  return { dead: false, effects: 0, killAfterEffect: null, killBeforeCheckpoint: false, killAfterCheckpoint: false, jiraWrites: 0, killAfterJiraWrite: null };
}

function effectDone(process: ProcessState): void {
  process.effects++;
  if (process.killAfterEffect !== null && process.effects >= process.killAfterEffect) process.dead = true;
}

const RUN_RECORD = /^run:v1:/;

/** The in-memory KVS with an injectable process death and a view of the secret storage. */
export class FaultKvStore extends InMemoryKeyValueStore {
  constructor(
    clock: Clock,
    private readonly process: ProcessState,
  ) {
    super(clock);
  }

  private alive(what: string): void {
    if (this.process.dead) throw new ProcessCrash(what);
  }

  override async get<T>(key: string): Promise<T | undefined> {
    this.alive(`get ${key}`);
    return super.get<T>(key);
  }

  override async set<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<void> {
    this.alive(`set ${key}`);
    if (this.process.killBeforeCheckpoint && RUN_RECORD.test(key)) {
      this.process.dead = true;
      throw new ProcessCrash(`checkpoint ${key}`);
    }
    await super.set(key, value, options);
    if (this.process.killAfterCheckpoint && RUN_RECORD.test(key)) this.process.dead = true;
    effectDone(this.process);
  }

  override async setIfAbsent<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<boolean> {
    this.alive(`setIfAbsent ${key}`);
    return super.setIfAbsent(key, value, options);
  }

  override async delete(key: string): Promise<void> {
    this.alive(`delete ${key}`);
    await super.delete(key);
    effectDone(this.process);
  }

  override async listKeys(prefix: string): Promise<string[]> {
    this.alive(`listKeys ${prefix}`);
    return super.listKeys(prefix);
  }

  override async getSecret(key: string): Promise<string | undefined> {
    this.alive(`getSecret ${key}`);
    return super.getSecret(key);
  }

  /** The secret storage, for tests that prove nothing changed or that scan for leaks. */
  secretsDump(): Record<string, string> {
    return Object.fromEntries(this.secrets);
  }

  /** Values and secrets, as one comparable snapshot. */
  snapshot(): string {
    return JSON.stringify({ values: this.dump(), secrets: this.secretsDump() });
  }
}

class FaultQueue extends InProcessQueue {
  constructor(
    now: () => number,
    private readonly process: ProcessState,
  ) {
    super(now);
  }

  override async push(events: Array<{ body: SyncEventBody; delaySeconds?: number }>): Promise<void> {
    if (this.process.dead) throw new ProcessCrash('queue push');
    await super.push(events);
    effectDone(this.process);
  }
}

export interface RecordedRequest {
  service: 'jira' | 'graph' | 'other';
  method: string;
  url: string;
  body: string;
  status: number | null;
  headers: Record<string, string>;
}

export interface RigOptions {
  limits?: Partial<EngineLimits>;
  seedSettings?: boolean;
}

export interface Rig {
  /** The deployed bundle's handlers on the local Forge runtime. */
  app: ForgeApp;
  kv: FaultKvStore;
  queue: InProcessQueue;
  clock: VirtualClock;
  jira: JiraSimulator;
  graph: GraphSimulator;
  process: ProcessState;
  /** Every HTTP request the app sent (Jira and Graph), with the answer's status. */
  requests: RecordedRequest[];
  /** Every line the app logged. */
  logs: string[];
  /** Successful Jira writes made by each delivery, in delivery order. */
  writesPerDelivery: number[];
  close(): Promise<void>;
}

let activeFetchPatches = 0;
const originalFetch = globalThis.fetch;

/** Starts the simulators and the app; fetch is wrapped to record requests and to fail when the process is dead. */
export async function startRig(scenario: Scenario, options: RigOptions = {}): Promise<Rig> {
  const graph = await startGraphSimulator(scenario);
  const jira = await startJiraSimulator(scenario);
  const clock = new VirtualClock();
  const process = freshProcess();
  const kv = new FaultKvStore(clock, process);
  const queue = new FaultQueue(() => clock.now(), process);
  const requests: RecordedRequest[] = [];
  const logs: string[] = [];

  const previousFetch = globalThis.fetch;
  activeFetchPatches++;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const service = url.startsWith(jira.url) ? 'jira' : url.startsWith(graph.url) ? 'graph' : 'other';
    if (service === 'other') return previousFetch(input, init);
    if (process.dead) throw new ProcessCrash(`fetch ${url}`);
    const headers = Object.fromEntries(Object.entries((init?.headers as Record<string, string> | undefined) ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const entry: RecordedRequest = { service, method: (init?.method ?? 'GET').toUpperCase(), url, body: typeof init?.body === 'string' ? init.body : '', status: null, headers };
    requests.push(entry);
    const response = await previousFetch(input, init);
    entry.status = response.status;
    if (service === 'jira' && entry.method !== 'GET' && response.status >= 200 && response.status < 300) {
      process.jiraWrites++;
      effectDone(process);
      if (process.killAfterJiraWrite !== null && process.jiraWrites >= process.killAfterJiraWrite) process.dead = true;
    }
    return response;
  };

  const app = startForgeApp({ kv, queue, time: { now: () => clock.now(), advance: (ms) => clock.advance(ms) }, jira: { baseUrl: jira.url }, graphUrl: graph.url, limits: options.limits, log: (line) => logs.push(line) });
  if (options.seedSettings !== false) await saveSettings(kv, validateSettings(scenario.settings));
  return {
    app,
    kv,
    queue,
    clock,
    jira,
    graph,
    process,
    requests,
    logs,
    writesPerDelivery: [],
    async close() {
      activeFetchPatches--;
      globalThis.fetch = activeFetchPatches === 0 ? originalFetch : previousFetch;
      await graph.close();
      await jira.close();
    },
  };
}

/** One successful Jira write as (op, group, account): how "the same write twice" is recognised. */
export function writeKey(request: RecordedRequest): string | null {
  if (request.service !== 'jira' || request.method === 'GET' || request.status === null || request.status < 200 || request.status >= 300) return null;
  const url = new URL(request.url);
  const body = request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {};
  if (request.method === 'POST' && url.pathname === '/rest/api/3/group') return `createGroup ${String(body.name)}`;
  if (request.method === 'POST' && url.pathname === '/rest/api/3/group/user') return `addMember ${url.searchParams.get('groupId')} ${String(body.accountId)}`;
  if (request.method === 'DELETE' && url.pathname === '/rest/api/3/group/user') return `removeMember ${url.searchParams.get('groupId')} ${url.searchParams.get('accountId')}`;
  return `${request.method} ${url.pathname}`;
}

export function successfulWrites(rig: Pick<Rig, 'requests'>): string[] {
  return rig.requests.map(writeKey).filter((k): k is string => k !== null);
}

export function duplicates(keys: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const key of keys) (seen.has(key) ? twice : seen).add(key);
  return [...twice];
}

/** Jira's groups as name → sorted member IDs (order of adds does not matter). */
export function jiraState(rig: Pick<Rig, 'jira'>): Record<string, string[]> {
  return Object.fromEntries(
    rig.jira
      .groups()
      .map((g) => [g.name, [...g.members].sort()] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

export async function startSync(rig: Rig, caller = asSiteAdmin): Promise<string> {
  const started = (await rig.app.resolve('syncNow', {}, caller)) as Envelope<RunSummary>;
  if (!started.ok) throw new Error(`syncNow refused: ${started.error.code} ${started.error.message}`);
  return started.data.id;
}

export async function runRecord(rig: Rig, runId: string): Promise<RunRecord | undefined> {
  return loadRun(rig.kv, runId);
}

export async function detailOf(rig: Rig, runId: string): Promise<RunDetail | null> {
  const run = await loadRun(rig.kv, runId);
  return run ? runDetail(rig.kv, run) : null;
}

export type Delivery = 'processed' | 'ignored' | 'crashed';

/**
 * Delivers one event as Forge would: a throwing invocation is retried later with the same event.
 * The process is revived after the invocation (the next invocation is a fresh one).
 */
export async function deliver(rig: Rig, body: SyncEventBody, retryDelayMs = 60_000): Promise<Delivery> {
  rig.process.effects = 0;
  rig.process.jiraWrites = 0;
  try {
    const outcome = await rig.app.onSyncEvent(body);
    return outcome.handled;
  } catch {
    rig.queue.pending.push({ body: structuredClone(body), dueAt: rig.clock.now() + retryDelayMs });
    return 'crashed';
  } finally {
    rig.writesPerDelivery.push(rig.process.jiraWrites);
    Object.assign(rig.process, freshProcess());
  }
}

export interface DriveOptions {
  /** Called before each delivery with its 1-based index; arm crashes or inject chaos here. */
  before?: (index: number, body: SyncEventBody) => void | Promise<void>;
  /** Fire the scheduled tick when no event is due (Forge's five-minute trigger). */
  tickMs?: number;
  maxSteps?: number;
}

export interface DriveStats {
  deliveries: number;
  processed: number;
  ignored: number;
  crashed: number;
  ticks: string[];
}

/**
 * Runs until the run is finished and no event is pending: delivers events in due order (moving the
 * virtual clock), fires the five-minute tick whenever the next event is more than a tick away or
 * the queue is empty (so stalled runs get nudged as on Forge).
 */
export async function drive(rig: Rig, runId: string, options: DriveOptions = {}): Promise<DriveStats> {
  const tickMs = options.tickMs ?? 5 * 60_000;
  const stats: DriveStats = { deliveries: 0, processed: 0, ignored: 0, crashed: 0, ticks: [] };
  let nextTick = rig.clock.now() + tickMs;
  for (let step = 0; step < (options.maxSteps ?? 2_000); step++) {
    const finished = isFinished((await loadRun(rig.kv, runId))?.summary.status ?? 'failed');
    const due = rig.queue.pending.length > 0 ? Math.min(...rig.queue.pending.map((e) => e.dueAt)) : Number.POSITIVE_INFINITY;
    if (finished && rig.queue.pending.length === 0) return stats;
    if (due > nextTick) {
      rig.clock.advance(nextTick - rig.clock.now());
      nextTick += tickMs;
      stats.ticks.push(await rig.app.onScheduledTick());
      continue;
    }
    const next = rig.queue.takeNext() as { body: SyncEventBody; dueAt: number };
    rig.clock.advance(next.dueAt - rig.clock.now());
    stats.deliveries++;
    await options.before?.(stats.deliveries, next.body);
    const outcome = await deliver(rig, next.body);
    stats[outcome]++;
  }
  throw new Error(`Run ${runId} did not finish within ${options.maxSteps ?? 2_000} driver steps`);
}

/** What an uninterrupted run of a scenario ends with: the yardstick for every faulty run. */
export interface Outcome {
  jira: Record<string, string[]>;
  writeCount: number;
  writes: string[];
  detail: RunDetail;
  events: number;
  writesPerDelivery: number[];
}

export async function outcomeOf(rig: Rig, runId: string, events: number): Promise<Outcome> {
  const detail = await detailOf(rig, runId);
  if (!detail) throw new Error(`Run ${runId} has no record`);
  return { jira: jiraState(rig), writeCount: rig.jira.writeCount(), writes: successfulWrites(rig).sort(), detail, events, writesPerDelivery: [...rig.writesPerDelivery] };
}

/** An uninterrupted run of the scenario with the given limits. */
export async function baseline(scenario: Scenario, limits: Partial<EngineLimits>): Promise<Outcome> {
  const rig = await startRig(scenario, { limits });
  try {
    const runId = await startSync(rig);
    const stats = await drive(rig, runId);
    return await outcomeOf(rig, runId, stats.deliveries);
  } finally {
    await rig.close();
  }
}

/** The parts of a run record that must not depend on faults. */
export function recordEssentials(detail: RunDetail) {
  return {
    status: detail.status,
    mode: detail.mode,
    error: detail.error,
    counts: detail.counts,
    changes: detail.changes,
    users: detail.users,
  };
}
