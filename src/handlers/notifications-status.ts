import type { AppDeps } from '../app-deps';
import { SUBSCRIBED_RESOURCES } from '../core/change-notifications';
import type { NotifiedRun, PendingChanges } from '../engine';
import { STORAGE_KEYS, loadSubscriptions } from '../engine';
import type { NotificationsView, SubscriptionView } from '../shared/resolver-contract';

/** Near-real-time updates as the page shows them: never "active" for a subscription Graph has not confirmed or that expired. */
export async function notificationsView(deps: AppDeps, enabled: boolean): Promise<NotificationsView> {
  const now = deps.clock.now();
  const state = await loadSubscriptions(deps.kv);
  const subscriptions: SubscriptionView[] = [];
  for (const resource of SUBSCRIBED_RESOURCES) {
    const record = state[resource];
    const live = record.id !== null && record.expiresAt !== null && record.expiresAt > now;
    const view: SubscriptionView['state'] = enabled
      ? live
        ? 'active'
        : record.lastError
          ? 'failed'
          : 'waiting'
      : record.id !== null
        ? 'removing'
        : 'off';
    subscriptions.push({
      resource,
      state: view,
      expiresAt: live ? record.expiresAt : null,
      lastNotificationAt: (await deps.kv.get<number>(STORAGE_KEYS.notificationReceived(resource))) ?? null,
      lastError: record.lastError,
    });
  }
  const pending = await deps.kv.get<PendingChanges>(STORAGE_KEYS.pendingChanges);
  return {
    enabled,
    subscriptions,
    pendingSince: pending?.firstAt ?? null,
    lastRun: (await deps.kv.get<NotifiedRun>(STORAGE_KEYS.lastNotifiedRun)) ?? null,
  };
}
