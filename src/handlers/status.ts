import type { AppDeps } from '../app-deps';
import { nextRunTime } from '../core/schedule';
import type { SecretExpiryState } from '../engine';
import {
  STORAGE_KEYS,
  backoffMultiplier,
  currentLease,
  daysLeft,
  expiryWarning,
  isFinished,
  loadHealth,
  loadRun,
  runIds,
} from '../engine';
import { nextCronTime } from '../settings/cron';
import { loadSettings } from '../settings/settings-store';
import type { StatusView } from '../shared/resolver-contract';
import { budgetView } from './budget-status';
import { notificationsView } from './notifications-status';

/** Hours without a successful sync, while the schedule is on, before the page raises an alert. */
const STALE_AFTER_HOURS = 24;

type Alert = StatusView['alerts'][number];
type Health = Awaited<ReturnType<typeof loadHealth>>;

/** What the page's banner and header show: the active run, a held run, failures, expiry. */
export async function statusView(deps: AppDeps): Promise<StatusView> {
  const now = deps.clock.now();
  const settings = await loadSettings(deps.kv);
  const lease = await currentLease(deps.kv);
  const active = lease && lease.expiresAt > now ? await loadRun(deps.kv, lease.runId) : undefined;
  const newestId = (await runIds(deps.kv))[0];
  const newest = newestId ? await loadRun(deps.kv, newestId) : undefined;
  const health = await loadHealth(deps.kv);
  const expiry = await deps.kv.get<SecretExpiryState>(STORAGE_KEYS.secretExpiry);
  const lastStart = await deps.kv.get<number>(STORAGE_KEYS.lastScheduledStart);
  const backoff = backoffMultiplier(health.consecutiveFailures);
  const held =
    newest && newest.summary.status === 'needs-approval' && !newest.summary.resolution ? newest.summary : null;
  const alerts = [
    failureAlert(health, backoff),
    settings?.schedule.enabled ? staleAlert(health, now) : null,
    expiryAlert(expiry, now),
    held
      ? { level: 'warning', code: 'needs-approval', message: held.error?.message ?? 'A run is waiting for approval.' }
      : null,
  ].filter((alert): alert is Alert => alert !== null);
  const next = settings ? nextRunTime(lastStart, settings.schedule, nextCronTime, backoff) : null;
  return {
    configured: settings !== undefined,
    activeRun: active && !isFinished(active.summary.status) ? active.summary : null,
    pendingApproval: held,
    lastSuccessAt: health.lastSuccessAt,
    consecutiveFailures: health.consecutiveFailures,
    alerts,
    nextScheduledRunAt: next === null ? null : Math.max(next, now),
    secretExpiry: expiry
      ? {
          endDateTime: expiry.endDateTime,
          daysLeft: daysLeft(expiry, now),
          readable: expiry.readable,
          message: expiry.message,
        }
      : null,
    notifications: await notificationsView(
      deps,
      (settings as { notifications?: { enabled?: boolean } } | undefined)?.notifications?.enabled === true,
    ),
    budget: await budgetView(deps.kv, settings, now),
  };
}

/** Two or more failed syncs in a row, and how far the schedule has backed off. */
function failureAlert(health: Health, backoff: number): Alert | null {
  if (health.consecutiveFailures < 2 || !health.lastFailure) return null;
  return {
    level: 'error',
    code: 'repeated-failure',
    message: `The last ${health.consecutiveFailures} syncs failed (${health.lastFailure.code}: ${health.lastFailure.message}). Scheduled runs back off to ${backoff}× their interval until a sync succeeds.`,
  };
}

/** No successful sync for a day while the schedule is on. */
function staleAlert(health: Health, now: number): Alert | null {
  const hours = health.lastSuccessAt === null ? null : Math.floor((now - health.lastSuccessAt) / 3_600_000);
  if (hours === null || hours < STALE_AFTER_HOURS) return null;
  return { level: 'warning', code: 'no-recent-success', message: `No successful sync in ${hours} hours.` };
}

/** The client secret ends soon (a warning) or has ended (an error). */
function expiryAlert(expiry: SecretExpiryState | undefined, now: number): Alert | null {
  const expiryText = expiryWarning(expiry, now);
  if (!expiryText || !expiry) return null;
  return {
    level: (daysLeft(expiry, now) ?? 0) < 0 ? 'error' : 'warning',
    code: 'secret-expiring',
    message: expiryText,
  };
}
