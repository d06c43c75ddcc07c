import type { EngineLimits, RunRecord } from '../../src/engine';
import { isFinished, loadRun, runDetail } from '../../src/engine';
import type { SyncEventBody } from '../../src/ports/work-queue';
import type { Scenario } from '../../dev/scenario/scenario';
import type { Envelope, RunDetail, RunSummary } from '../../src/shared/resolver-contract';
import { asDemoAdmin } from './accounts';
import { freshProcess } from './process-faults';
import { jiraState, successfulWrites } from './recorded-requests';
import type { Rig } from './rig';
import { startRig } from './rig';

/** Driving a rig's run event by event, as Forge delivers them (with retries, ticks and faults). */

export async function startSync(rig: Rig, caller = asDemoAdmin): Promise<string> {
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
    const due =
      rig.queue.pending.length > 0 ? Math.min(...rig.queue.pending.map((e) => e.dueAt)) : Number.POSITIVE_INFINITY;
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
  return {
    jira: jiraState(rig),
    writeCount: rig.jira.writeCount(),
    writes: successfulWrites(rig).sort(),
    detail,
    events,
    writesPerDelivery: [...rig.writesPerDelivery],
  };
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
