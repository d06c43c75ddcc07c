import type { AppDeps } from '../../app-deps';
import { isSyncError } from '../../core/errors';
import type { Settings } from '../../settings/schema';
import { loadSettings } from '../../settings/settings-store';
import { validateSettings } from '../../settings/validate-settings';
import type { SyncEventBody } from '../../ports/work-queue';
import { configuredActor, engineDepsOf } from '../run/connect';
import { isFinished } from '../run/record';
import { loadHealth } from '../run/health';
import { currentLease } from '../run/lock';
import { loadRun } from '../run/store';
import { startRun } from '../run/start';
import { STORAGE_KEYS } from '../state/keys';

/** Changes announced by notifications that no run has picked up yet. */
export interface PendingChanges {
  firstAt: number;
  lastAt: number;
  count: number;
}

export interface NotifiedRun {
  runId: string;
  startedAt: number;
  notifications: number;
}

/**
 * The queue event that starts a run once notifications settle. Run ids are UUIDs, so this name never
 * meets a run; the step runner ignores it (no `seq`) and the consumer routes it here.
 */
export const CHANGE_RUN_EVENT: SyncEventBody = { runId: 'job:change-notifications' };
export const isChangeRunEvent = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && (body as SyncEventBody).runId === CHANGE_RUN_EVENT.runId;

const DEFAULT_DEBOUNCE_SECONDS = 5;
/** While a run is going, the event looks again this often; the run's end picks the changes up. */
const RECHECK_SECONDS = 10;
/** An armed event that never arrived (a lost push) stops blocking new ones after this. */
const ARMED_TTL_SECONDS = 600;
/** After repeated failures notifications start nothing: the backed-off schedule decides (run-health.ts). */
const FAILURES_BEFORE_HOLDING_OFF = 2;

/**
 * Notes that Graph announced a change and makes sure one run follows: the first notification of a
 * quiet spell arms a delayed event; later ones within the window only add to the pending count.
 */
export async function noteChange(deps: AppDeps): Promise<void> {
  const now = deps.clock.now();
  const pending = await deps.kv.get<PendingChanges>(STORAGE_KEYS.pendingChanges);
  await deps.kv.set<PendingChanges>(STORAGE_KEYS.pendingChanges, {
    firstAt: pending?.firstAt ?? now,
    lastAt: now,
    count: (pending?.count ?? 0) + 1,
  });
  if (!(await deps.kv.setIfAbsent(STORAGE_KEYS.changeRunArmed, now, { ttlSeconds: ARMED_TTL_SECONDS }))) return;
  try {
    await deps.queue.push([
      { body: CHANGE_RUN_EVENT, delaySeconds: deps.notificationDebounceSeconds ?? DEFAULT_DEBOUNCE_SECONDS },
    ]);
  } catch (error) {
    await deps.kv.delete(STORAGE_KEYS.changeRunArmed);
    throw error;
  }
}

export type NotifiedRunOutcome = 'nothing-pending' | 'off' | 'holding-off' | 'waiting-for-run' | 'started';

async function enabledSettings(deps: AppDeps): Promise<Settings | undefined> {
  const stored = await loadSettings(deps.kv);
  if (!stored) return undefined;
  try {
    const settings = validateSettings(stored);
    return settings.notifications.enabled ? settings : undefined;
  } catch {
    return undefined;
  }
}

async function runGoing(deps: AppDeps, now: number): Promise<boolean> {
  const lease = await currentLease(deps.kv);
  if (!lease || lease.expiresAt <= now) return false;
  const holder = await loadRun(deps.kv, lease.runId);
  return holder !== undefined && !isFinished(holder.summary.status);
}

/**
 * Starts the incremental run pending notifications ask for (the debounced event, or the tick as a
 * safety net). Every read goes through the delta queries, so a forged or replayed notification can
 * at most cause one run that finds nothing to do.
 */
export async function startNotifiedRun(deps: AppDeps, from: 'event' | 'tick'): Promise<NotifiedRunOutcome> {
  const now = deps.clock.now();
  const pending = await deps.kv.get<PendingChanges>(STORAGE_KEYS.pendingChanges);
  const settings = pending ? await enabledSettings(deps) : undefined;
  if (!pending || !settings) {
    if (pending) await deps.kv.delete(STORAGE_KEYS.pendingChanges);
    if (from === 'event') await deps.kv.delete(STORAGE_KEYS.changeRunArmed);
    return pending ? 'off' : 'nothing-pending';
  }
  if ((await loadHealth(deps.kv)).consecutiveFailures >= FAILURES_BEFORE_HOLDING_OFF) {
    if (from === 'event') await deps.kv.delete(STORAGE_KEYS.changeRunArmed);
    return 'holding-off';
  }
  if (await runGoing(deps, now)) return waitForRun(deps, from);
  // Cleared before the run reads anything: a change announced from here on arms a new event.
  await deps.kv.delete(STORAGE_KEYS.pendingChanges);
  await deps.kv.delete(STORAGE_KEYS.changeRunArmed);
  try {
    const run = await startRun(engineDepsOf(deps), {
      trigger: 'change-notification',
      mode: 'apply',
      kind: 'auto',
      settings,
      actor: configuredActor(settings),
    });
    await deps.kv.set<NotifiedRun>(STORAGE_KEYS.lastNotifiedRun, {
      runId: run.summary.id,
      startedAt: now,
      notifications: pending.count,
    });
    return 'started';
  } catch (error) {
    if (!isSyncError(error) || error.code !== 'run-in-progress') throw error;
    await deps.kv.set<PendingChanges>(STORAGE_KEYS.pendingChanges, pending);
    return waitForRun(deps, from);
  }
}

async function waitForRun(deps: AppDeps, from: 'event' | 'tick'): Promise<'waiting-for-run'> {
  if (from === 'event') await deps.queue.push([{ body: CHANGE_RUN_EVENT, delaySeconds: RECHECK_SECONDS }]);
  return 'waiting-for-run';
}
