import type { AppDeps } from '../app-deps';
import type { ReceivedNotification, SubscribedResource } from '../core/change-notifications';
import { parseNotificationCollection, tenantMatches } from '../core/change-notifications';
import { describeError } from '../core/errors';
import type { LifecycleMarks } from '../engine';
import { STORAGE_KEYS, clientStateMatches, loadSubscriptions, noteChange, resourceOf } from '../engine';
import type { WebTriggerRequest, WebTriggerResponse } from '../ports/web-trigger';
import { loadSettings } from '../settings/settings-store';

/** Well under Forge's invocation payload limit; Graph batches notifications, but never this many. */
export const MAX_NOTIFICATION_BODY_BYTES = 256 * 1024;
export const MAX_NOTIFICATIONS_PER_REQUEST = 1000;
/** Requests per minute before the trigger answers 429 (Graph retries later; the schedule is the net). */
export const MAX_NOTIFICATION_REQUESTS_PER_MINUTE = 120;
const MAX_VALIDATION_TOKEN_LENGTH = 4096;

const reply = (statusCode: number, body = '', headers: Record<string, string[]> = {}): WebTriggerResponse => ({
  statusCode,
  headers: {
    'Content-Type': ['text/plain; charset=utf-8'],
    'X-Content-Type-Options': ['nosniff'],
    'Cache-Control': ['no-store'],
    ...headers,
  },
  body,
});

/**
 * The web trigger Graph delivers change notifications to. It trusts nothing in the body beyond
 * "something changed": every notification must name one of our subscriptions, carry that
 * subscription's clientState and our tenant. Accepted changes only arm a debounced incremental run,
 * so it answers within Graph's 3 s with 202. Responses never echo anything but the handshake token.
 */
export async function handleChangeNotifications(
  deps: AppDeps,
  request: WebTriggerRequest,
): Promise<WebTriggerResponse> {
  if (request.method.toUpperCase() !== 'POST') return reply(405, 'Only POST is accepted.', { Allow: ['POST'] });
  const body = request.body ?? '';
  if (Buffer.byteLength(body, 'utf8') > MAX_NOTIFICATION_BODY_BYTES)
    return reply(413, 'The request body is too large.');
  try {
    if (await overRate(deps)) return reply(429, 'Too many requests.', { 'Retry-After': ['60'] });
    const validationToken = request.queryParameters?.validationToken;
    if (validationToken !== undefined) return await handshake(deps, validationToken);
    const parsed = parseNotificationCollection(body, MAX_NOTIFICATIONS_PER_REQUEST);
    if (!parsed.ok) {
      deps.log?.(`Change notifications refused: ${parsed.reason}.`);
      return reply(400, 'The body is not a change notification collection.');
    }
    await accept(deps, parsed.notifications);
    return reply(202);
  } catch (error) {
    // Not persisted: a 5xx makes Graph deliver again (change-notifications-facts.md §3).
    deps.log?.(`Change notifications could not be stored: ${describeError(error).code}`);
    return reply(503, 'Try again later.');
  }
}

async function overRate(deps: AppDeps): Promise<boolean> {
  const minute = Math.floor(deps.clock.now() / 60_000);
  const key = STORAGE_KEYS.notificationRate(minute);
  const seen = (await deps.kv.get<number>(key)) ?? 0;
  if (seen >= MAX_NOTIFICATION_REQUESTS_PER_MINUTE) return true;
  await deps.kv.set(key, seen + 1, { ttlSeconds: 180 });
  return false;
}

/** Graph's validation: echo the (already URL-decoded) token as text/plain, only while we are creating a subscription. */
async function handshake(deps: AppDeps, values: string[]): Promise<WebTriggerResponse> {
  const token = values[0] ?? '';
  const openUntil = await deps.kv.get<number>(STORAGE_KEYS.subscriptionHandshake);
  if (
    values.length !== 1 ||
    token.length === 0 ||
    token.length > MAX_VALIDATION_TOKEN_LENGTH ||
    openUntil === undefined ||
    openUntil < deps.clock.now()
  ) {
    return reply(400, 'No subscription is being validated.');
  }
  return reply(200, token);
}

type Verdict = 'accepted' | 'unknown-subscription' | 'wrong-client-state' | 'other-tenant' | 'switched-off';

async function accept(deps: AppDeps, notifications: ReceivedNotification[]): Promise<void> {
  const stored = await loadSettings(deps.kv);
  const enabled = (stored as { notifications?: { enabled?: boolean } } | undefined)?.notifications?.enabled === true;
  const subscriptions = await loadSubscriptions(deps.kv);
  const verdicts: Record<Verdict, number> = {
    accepted: 0,
    'unknown-subscription': 0,
    'wrong-client-state': 0,
    'other-tenant': 0,
    'switched-off': 0,
  };
  const matches = new Map<string, boolean>();
  let changed = false;
  const now = deps.clock.now();
  for (const notification of notifications) {
    const resource = resourceOf(subscriptions, notification.subscriptionId);
    let verdict: Verdict = 'accepted';
    if (!resource) verdict = 'unknown-subscription';
    else if (!(await matchesOnce(deps, matches, resource, notification.clientState))) verdict = 'wrong-client-state';
    else if (!stored || !tenantMatches(notification.tenantId, stored.tenantId)) verdict = 'other-tenant';
    else if (!enabled) verdict = 'switched-off';
    verdicts[verdict]++;
    if (verdict !== 'accepted' || !resource) continue;
    await deps.kv.set(STORAGE_KEYS.notificationReceived(resource), now);
    const { change } = notification;
    if (change.kind === 'change' || change.event === 'missed') changed = true;
    else
      await markLifecycle(
        deps,
        notification.subscriptionId,
        change.event === 'reauthorizationRequired' ? { reauthorizeAt: now } : { removedAt: now },
      );
    // Changes made while Graph had removed the subscription were never announced.
    if (change.kind === 'lifecycle' && change.event === 'subscriptionRemoved') changed = true;
  }
  if (changed) await noteChange(deps);
  const refused = notifications.length - verdicts.accepted;
  if (refused > 0) {
    const reasons = (Object.entries(verdicts) as Array<[Verdict, number]>)
      .filter(([v, n]) => v !== 'accepted' && n > 0)
      .map(([v, n]) => `${v} ${n}`);
    deps.log?.(`Change notifications: ${verdicts.accepted} accepted, ${refused} refused (${reasons.join(', ')}).`);
  }
}

async function matchesOnce(
  deps: AppDeps,
  cache: Map<string, boolean>,
  resource: SubscribedResource,
  clientState: string | null,
): Promise<boolean> {
  const key = `${resource}\u0000${clientState ?? ''}`;
  if (!cache.has(key)) cache.set(key, await clientStateMatches(deps.kv, resource, clientState));
  return cache.get(key) === true;
}

async function markLifecycle(deps: AppDeps, subscriptionId: string, mark: LifecycleMarks): Promise<void> {
  const key = STORAGE_KEYS.subscriptionLifecycle(subscriptionId);
  const marks = (await deps.kv.get<LifecycleMarks>(key)) ?? {};
  await deps.kv.set<LifecycleMarks>(key, { ...marks, ...mark }, { ttlSeconds: 30 * 86_400 });
}
