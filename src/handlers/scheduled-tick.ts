import type { AppDeps } from '../app-deps';
import { isSyncError } from '../core/errors';
import { isRunDue } from '../core/schedule';
import {
  STALL_LIMIT_MS,
  STORAGE_KEYS,
  backoffMultiplier,
  configuredActor,
  currentLease,
  engineDepsOf,
  isFinished,
  loadHealth,
  loadRun,
  maintainSubscriptions,
  startNotifiedRun,
  startRun,
} from '../engine';
import { nextCronTime } from '../settings/cron';
import { loadSettings } from '../settings/settings-store';
import { validateSettings } from '../settings/validate-settings';

export type TickOutcome =
  | 'not-configured'
  | 'not-due'
  | 'run-in-progress'
  | 'resumed-stalled-run'
  | 'started'
  | 'invalid-settings';

/**
 * The five-minute tick: idempotent (Forge may deliver it twice). Starts a scheduled run when one is
 * due and none is in progress, nudges a run that stalled, and keeps the change-notification
 * subscriptions alive (or removes them when the switch is off).
 */
export async function scheduledTick(deps: AppDeps): Promise<TickOutcome> {
  const outcome = await startDueRun(deps);
  await keepNotificationsFlowing(deps);
  return outcome;
}

async function startDueRun(deps: AppDeps): Promise<TickOutcome> {
  const now = deps.clock.now();
  const lease = await currentLease(deps.kv);
  const holder = lease && lease.expiresAt > now ? await loadRun(deps.kv, lease.runId) : undefined;
  if (holder && !isFinished(holder.summary.status)) {
    // A run whose checkpoint is older than the stall limit lost its continuation event (Forge retries end
    // after the retention window): push it again; a duplicate is ignored by the run's step number.
    if (now - holder.updatedAt > STALL_LIMIT_MS) {
      await deps.queue.push([{ body: { runId: holder.summary.id, seq: holder.step } }]);
      return 'resumed-stalled-run';
    }
    return 'run-in-progress';
  }
  const stored = await loadSettings(deps.kv);
  if (!stored) return 'not-configured';
  let settings;
  try {
    settings = validateSettings(stored);
  } catch {
    return 'invalid-settings';
  }
  const lastStart = await deps.kv.get<number>(STORAGE_KEYS.lastScheduledStart);
  const health = await loadHealth(deps.kv);
  if (!isRunDue(now, lastStart, settings.schedule, nextCronTime, backoffMultiplier(health.consecutiveFailures)))
    return 'not-due';
  try {
    const actor = configuredActor(settings);
    await startRun(engineDepsOf(deps), { trigger: 'scheduled', mode: 'apply', kind: 'auto', settings, actor });
    await deps.kv.set(STORAGE_KEYS.lastScheduledStart, now);
    return 'started';
  } catch (error) {
    if (isSyncError(error) && error.code === 'run-in-progress') return 'run-in-progress';
    throw error;
  }
}

/** Never fails the tick: subscription errors are recorded on the subscriptions and shown on the page. */
async function keepNotificationsFlowing(deps: AppDeps): Promise<void> {
  try {
    await maintainSubscriptions(deps);
    // Safety net for a lost debounce event: changes still pending with no event on its way.
    if (!(await deps.kv.get(STORAGE_KEYS.changeRunArmed))) await startNotifiedRun(deps, 'tick');
  } catch (error) {
    deps.log?.(`Change notifications upkeep failed: ${error instanceof Error ? error.name : 'error'}`);
  }
}
