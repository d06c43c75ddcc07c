import type { AppDeps } from '../../app-deps';
import type { SubscribedResource } from '../../core/change-notifications';
import { SUBSCRIBED_RESOURCES, SUBSCRIPTION_LIFETIME_MS, subscriptionDue } from '../../core/change-notifications';
import { describeError, isSyncError, SyncError } from '../../core/errors';
import type { ChangeSubscriptions } from '../../ports/change-subscriptions';
import type { Settings } from '../../settings/schema';
import { loadSettings } from '../../settings/settings-store';
import { validateSettings } from '../../settings/validate-settings';
import { connectEntra } from '../run/connect';
import { noteChange } from './notified-runs';
import { STORAGE_KEYS } from '../state/keys';
import type { LifecycleMarks, SubscriptionRecord, SubscriptionsState } from './subscription-state';
import { forgetClientState, loadSubscriptions, newClientState, saveSubscriptions } from './subscription-state';

/** Graph validates the notification URL within 10 s of the create request; the window allows for retries. */
const HANDSHAKE_WINDOW_MS = 60_000;
const CLEARED: SubscriptionRecord = {
  id: null,
  expiresAt: null,
  notificationUrl: null,
  createdAt: null,
  renewedAt: null,
  lastError: null,
};

function savedSettings(stored: unknown): Settings | undefined {
  try {
    return stored ? validateSettings(stored) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The subscriptions' lifecycle, run by the scheduled tick: creates them when the switch is on,
 * renews them at half Graph's maximum lifetime or when Graph asks to reauthorize, creates them again
 * when Graph removed them or they expired, and deletes them when the switch is off. Costs no Graph
 * call when nothing is due. Errors are recorded on the subscription, never thrown.
 */
export async function maintainSubscriptions(deps: AppDeps): Promise<void> {
  const state = await loadSubscriptions(deps.kv);
  const settings = savedSettings(await loadSettings(deps.kv));
  const wanted = settings?.notifications.enabled === true;
  const held = SUBSCRIBED_RESOURCES.filter((r) => state[r].id !== null);
  const now = deps.clock.now();
  if (!settings || (!wanted && held.length === 0)) return;
  if (wanted && !(await anythingDue(deps, state, now))) return;

  let subscriptions: ChangeSubscriptions;
  try {
    const deadline = now + 60_000;
    const entra = await connectEntra(deps, settings, {
      deadline: () => deadline,
      lowPriority: true,
      onCall: () => undefined,
    });
    if (!entra.subscriptions)
      throw new SyncError(
        'notifications-unavailable',
        'This Graph connection cannot manage change-notification subscriptions.',
      );
    subscriptions = entra.subscriptions;
  } catch (error) {
    for (const r of wanted ? SUBSCRIBED_RESOURCES : held) state[r].lastError = describeError(error);
    await saveSubscriptions(deps.kv, state);
    return;
  }
  for (const resource of wanted ? SUBSCRIBED_RESOURCES : held) {
    try {
      if (wanted) await keepAlive(deps, subscriptions, state, resource);
      else await remove(deps, subscriptions, state, resource);
    } catch (error) {
      state[resource].lastError = describeError(error);
      deps.log?.(`Change-notification subscription on ${resource}: ${describeError(error).code}`);
    }
  }
  await saveSubscriptions(deps.kv, state);
}

async function notificationUrl(deps: AppDeps): Promise<string> {
  if (!deps.notificationUrl)
    throw new SyncError('notifications-unavailable', 'This host has no web trigger to receive change notifications.');
  return deps.notificationUrl();
}

/** What a subscription needs now, with the lifecycle marks Graph left on it. */
async function dueNow(
  deps: AppDeps,
  record: SubscriptionRecord,
  url: string,
  now: number,
): Promise<{ due: ReturnType<typeof subscriptionDue>; marks: LifecycleMarks | undefined }> {
  const marks = record.id
    ? await deps.kv.get<LifecycleMarks>(STORAGE_KEYS.subscriptionLifecycle(record.id))
    : undefined;
  const removed = marks?.removedAt !== undefined;
  return {
    due: subscriptionDue({ ...record, removed, reauthorize: marks?.reauthorizeAt !== undefined }, url, now),
    marks,
  };
}

/** Only the KVS is read until something is due (a missing URL counts as due, to record why). */
async function anythingDue(deps: AppDeps, state: SubscriptionsState, now: number): Promise<boolean> {
  const url = deps.notificationUrl ? await deps.notificationUrl() : null;
  if (url === null) return true;
  for (const r of SUBSCRIBED_RESOURCES)
    if (state[r].lastError || (await dueNow(deps, state[r], url, now)).due !== 'keep') return true;
  return false;
}

/** Keeps one resource's subscription alive: nothing when it is fine, else renewed, else created anew. */
async function keepAlive(
  deps: AppDeps,
  subscriptions: ChangeSubscriptions,
  state: SubscriptionsState,
  resource: SubscribedResource,
): Promise<void> {
  const record = state[resource];
  const now = deps.clock.now();
  const url = await notificationUrl(deps);
  const { due, marks } = await dueNow(deps, record, url, now);
  if (due === 'keep') {
    record.lastError = null;
    return;
  }
  if (due === 'renew' && record.id && (await renew(subscriptions, state, resource, { deps, now }))) return;
  await createAnew(subscriptions, state, resource, { deps, now, url, removedByGraph: marks?.removedAt !== undefined });
}

/** PATCH renews and reauthorizes at once (change-notifications-facts.md §4); false when Graph no longer has it. */
async function renew(
  subscriptions: ChangeSubscriptions,
  state: SubscriptionsState,
  resource: SubscribedResource,
  { deps, now }: { deps: AppDeps; now: number },
): Promise<boolean> {
  const record = state[resource];
  const id = record.id as string;
  try {
    const renewed = await subscriptions.renew(id, now + SUBSCRIPTION_LIFETIME_MS);
    state[resource] = { ...record, expiresAt: renewed.expiresAt, renewedAt: now, lastError: null };
    await deps.kv.delete(STORAGE_KEYS.subscriptionLifecycle(id));
    return true;
  } catch (error) {
    if (!isSyncError(error) || error.code !== 'graph-subscription-not-found') throw error;
    return false;
  }
}

/**
 * Replaces the subscription with a new one (with a new clientState), inside the handshake window
 * Graph validates the URL in. A replaced subscription may have missed changes: one delta run finds them.
 */
async function createAnew(
  subscriptions: ChangeSubscriptions,
  state: SubscriptionsState,
  resource: SubscribedResource,
  at: { deps: AppDeps; now: number; url: string; removedByGraph: boolean },
): Promise<void> {
  const { deps, now } = at;
  const previous = state[resource].id;
  if (previous && !at.removedByGraph) await subscriptions.remove(previous).catch(() => undefined);
  const clientState = await newClientState(deps.kv, resource);
  await deps.kv.set(STORAGE_KEYS.subscriptionHandshake, now + HANDSHAKE_WINDOW_MS, {
    ttlSeconds: Math.ceil((HANDSHAKE_WINDOW_MS * 2) / 1000),
  });
  try {
    const created = await subscriptions.create({
      resource,
      notificationUrl: at.url,
      clientState,
      expiresAt: now + SUBSCRIPTION_LIFETIME_MS,
    });
    state[resource] = {
      id: created.id,
      expiresAt: created.expiresAt,
      notificationUrl: at.url,
      createdAt: now,
      renewedAt: null,
      lastError: null,
    };
  } finally {
    await deps.kv.delete(STORAGE_KEYS.subscriptionHandshake);
  }
  if (previous) {
    await deps.kv.delete(STORAGE_KEYS.subscriptionLifecycle(previous));
    await noteChange(deps);
  }
}

async function remove(
  deps: AppDeps,
  subscriptions: ChangeSubscriptions,
  state: SubscriptionsState,
  resource: SubscribedResource,
): Promise<void> {
  const id = state[resource].id;
  if (!id) return;
  try {
    await subscriptions.remove(id);
  } catch (error) {
    if (!isSyncError(error) || error.code !== 'graph-subscription-not-found') throw error;
  }
  await deps.kv.delete(STORAGE_KEYS.subscriptionLifecycle(id));
  await forgetClientState(deps.kv, resource);
  state[resource] = { ...CLEARED };
}
