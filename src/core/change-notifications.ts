/**
 * Microsoft Graph change notifications, as far as they can be judged without I/O: the shape of a
 * notification collection, and when a subscription needs renewing. Facts: docs/change-notifications-facts.md.
 */

/** The two directory collections the app subscribes to. */
export const SUBSCRIBED_RESOURCES = ['users', 'groups'] as const;
export type SubscribedResource = (typeof SUBSCRIBED_RESOURCES)[number];

/** Users and groups send `updated` (creation included) and `deleted`; `created` is not supported. */
export const SUBSCRIPTION_CHANGE_TYPES = 'updated,deleted';

/** Graph's maximum subscription lifetime for user, group and other directory resources: 41,760 minutes. */
export const MAX_DIRECTORY_SUBSCRIPTION_MINUTES = 41_760;
/** Asked-for lifetime: the maximum less a margin for clock skew between us and Graph. */
export const SUBSCRIPTION_LIFETIME_MS = (MAX_DIRECTORY_SUBSCRIPTION_MINUTES - 30) * 60_000;
/** Renewed once half the maximum lifetime has passed: a safe fraction that survives days of failed ticks. */
export const RENEW_WHEN_REMAINING_MS = (MAX_DIRECTORY_SUBSCRIPTION_MINUTES / 2) * 60_000;

/** Graph caps clientState at 128 characters. */
export const MAX_CLIENT_STATE_LENGTH = 128;

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';
const LIFECYCLE_EVENTS = new Set<string>(['reauthorizationRequired', 'subscriptionRemoved', 'missed']);

/** One notification of a collection, with only the fields the app trusts enough to look at. */
export interface ReceivedNotification {
  subscriptionId: string;
  clientState: string | null;
  tenantId: string | null;
  /** A change (`updated`, `deleted`) or a lifecycle event; the resource itself is never trusted. */
  change: { kind: 'change'; changeType: 'updated' | 'deleted' } | { kind: 'lifecycle'; event: LifecycleEvent };
}

export type ParsedCollection = { ok: true; notifications: ReceivedNotification[] } | { ok: false; reason: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const shortString = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.length > 0 && value.length <= max ? value : null;

/**
 * Parses a `changeNotificationCollection` body. Anything not of that shape is refused whole (a
 * well-formed collection never mixes in junk); fields the app does not use are ignored.
 */
export function parseNotificationCollection(body: string, maxNotifications: number): ParsedCollection {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
  // JSON.parse gives an object, an array or a primitive; only an object has a "value" property.
  const value = parsed instanceof Object ? (parsed as { value?: unknown }).value : undefined;
  if (!Array.isArray(value) || value.length === 0)
    return { ok: false, reason: 'the body has no "value" array of notifications' };
  if (value.length > maxNotifications)
    return { ok: false, reason: `the collection has more than ${maxNotifications} notifications` };
  const notifications: ReceivedNotification[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return { ok: false, reason: 'a notification is not an object' };
    const fields = item as Record<string, unknown>;
    const subscriptionId = fields.subscriptionId;
    if (typeof subscriptionId !== 'string' || !GUID.test(subscriptionId))
      return { ok: false, reason: 'a notification has no valid subscriptionId' };
    const clientState = shortString(fields.clientState, MAX_CLIENT_STATE_LENGTH);
    const tenantId = shortString(fields.tenantId, 64);
    if (typeof fields.lifecycleEvent === 'string') {
      if (!LIFECYCLE_EVENTS.has(fields.lifecycleEvent))
        return { ok: false, reason: 'a notification has an unknown lifecycleEvent' };
      notifications.push({
        subscriptionId,
        clientState,
        tenantId,
        change: { kind: 'lifecycle', event: fields.lifecycleEvent as LifecycleEvent },
      });
    } else if (fields.changeType === 'updated' || fields.changeType === 'deleted') {
      notifications.push({
        subscriptionId,
        clientState,
        tenantId,
        change: { kind: 'change', changeType: fields.changeType },
      });
    } else return { ok: false, reason: 'a notification has neither a known changeType nor a lifecycleEvent' };
  }
  return { ok: true, notifications };
}

/** Whether a notification's tenant is the configured one (a tenant given as a domain cannot be compared: clientState decides). */
export function tenantMatches(notificationTenant: string | null, configuredTenant: string): boolean {
  if (!GUID.test(configuredTenant)) return true;
  return notificationTenant !== null && notificationTenant.toLowerCase() === configuredTenant.toLowerCase();
}

/** What the scheduled tick must do for one subscription. */
export type SubscriptionDue = 'create' | 'renew' | 'keep';

export function subscriptionDue(
  subscription: {
    id: string | null;
    expiresAt: number | null;
    removed: boolean;
    reauthorize: boolean;
    notificationUrl: string | null;
  },
  notificationUrl: string,
  now: number,
): SubscriptionDue {
  if (!subscription.id || subscription.expiresAt === null || subscription.removed || subscription.expiresAt <= now)
    return 'create';
  // A new web trigger URL (reinstall) needs a new subscription: PATCH may change the URL, but a create validates it.
  if (subscription.notificationUrl !== notificationUrl) return 'create';
  if (subscription.reauthorize || subscription.expiresAt - now < RENEW_WHEN_REMAINING_MS) return 'renew';
  return 'keep';
}
