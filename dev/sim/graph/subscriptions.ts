import { randomBytes, randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from '../sim-server';
import type { SimApp } from './app-registration';
import { graphError, GRAPH_ERRORS } from './graph-errors';
import { NotificationDelivery, validateEndpoint } from './notification-delivery';

/** Facts: microsoft-graph-docs, subscription resource type and "Create subscription" (docs/change-notifications-facts.md §1–2). */
const MAX_MINUTES = 41_760; // user, group and other directory resources
const MAX_PER_APP_AND_TENANT = 100; // the groups row of the supported-resources table
const MAX_CLIENT_STATE = 128;
const RESOURCES = {
  users: ['User.Read.All', 'User.ReadWrite.All'],
  groups: ['Group.Read.All', 'Group.ReadWrite.All'],
} as const;
const DIRECTORY_ROLES = ['Directory.Read.All', 'Directory.ReadWrite.All'];
type Resource = keyof typeof RESOURCES;
export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export interface SimSubscription {
  id: string;
  resource: Resource;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expiresAt: number;
}

/** Graph wants HTTPS; the local host has no TLS, so plain HTTP is allowed on loopback only. */
function endpointProblem(value: unknown, name: string): string | null {
  if (typeof value !== 'string') return `${name} is required.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${name} is not a valid URL.`;
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    return `Subscription ${name} must use the HTTPS protocol.`;
  return null;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/Z$/, '0000Z');

/** `/v1.0/subscriptions`: create (with the validation handshake), renew, reauthorize, list, delete; and notification delivery. */
export class SubscriptionService {
  readonly delivery = new NotificationDelivery();
  private readonly subscriptions = new Map<string, SimSubscription>();

  constructor(private readonly app: SimApp) {}

  list(now = Date.now()): SimSubscription[] {
    for (const [id, s] of this.subscriptions) if (s.expiresAt <= now) this.subscriptions.delete(id);
    return [...this.subscriptions.values()];
  }

  async route(request: SimRequest, segments: string[], roles: string[]): Promise<SimResponse> {
    const now = Date.now();
    this.list(now);
    const [id, action, ...rest] = segments;
    if (rest.length > 0) return GRAPH_ERRORS.unknownSegment(rest[0]!);
    if (id === undefined) {
      if (request.method === 'POST') return this.create(request.body, roles, now);
      if (request.method === 'GET') return { status: 200, body: { value: this.list(now).map((s) => this.view(s)) } };
      return GRAPH_ERRORS.methodNotAllowed();
    }
    const subscription = this.subscriptions.get(id.toLowerCase());
    if (!subscription) return graphError(404, 'ResourceNotFound', `The object was not found.`);
    if (action === 'reauthorize' && request.method === 'POST') return { status: 204 };
    if (action !== undefined) return GRAPH_ERRORS.unknownSegment(action);
    if (request.method === 'GET') return { status: 200, body: this.view(subscription) };
    if (request.method === 'DELETE') {
      this.subscriptions.delete(subscription.id);
      return { status: 204 };
    }
    if (request.method === 'PATCH') return this.renew(subscription, request.body, now);
    return GRAPH_ERRORS.methodNotAllowed();
  }

  /** A tenant change: every live subscription on that resource gets a notification. */
  changed(resource: Resource, objectId: string, changeType: 'updated' | 'deleted'): void {
    for (const s of this.list()) {
      if (s.resource !== resource || !s.changeType.split(',').includes(changeType)) continue;
      const path = `${resource === 'users' ? 'Users' : 'Groups'}/${objectId}`;
      this.delivery.enqueue(s.notificationUrl, {
        subscriptionId: s.id,
        subscriptionExpirationDateTime: iso(s.expiresAt),
        changeType,
        resource: path,
        resourceData: {
          '@odata.type': resource === 'users' ? '#Microsoft.Graph.User' : '#Microsoft.Graph.Group',
          '@odata.id': path,
          id: objectId,
          organizationId: this.app.tenantId,
        },
        clientState: s.clientState,
        tenantId: this.app.tenantId,
      });
    }
  }

  /** Sends a lifecycle notification now; `subscriptionRemoved` also removes the subscription, as Graph does. */
  async lifecycle(subscriptionId: string, event: LifecycleEvent): Promise<void> {
    const s = this.subscriptions.get(subscriptionId.toLowerCase());
    if (!s) throw new Error(`Graph simulator: no subscription ${subscriptionId}`);
    if (!s.lifecycleNotificationUrl)
      throw new Error(`Graph simulator: subscription ${subscriptionId} has no lifecycleNotificationUrl`);
    if (event === 'subscriptionRemoved') this.subscriptions.delete(s.id);
    await this.delivery.sendNow(s.lifecycleNotificationUrl, [
      {
        subscriptionId: s.id,
        subscriptionExpirationDateTime: iso(s.expiresAt),
        tenantId: this.app.tenantId,
        clientState: s.clientState,
        lifecycleEvent: event,
      },
    ]);
  }

  /** Removes a subscription without telling anyone (Graph may do that; then the lifecycle notification is lost too). */
  drop(subscriptionId: string): void {
    this.subscriptions.delete(subscriptionId.toLowerCase());
  }

  private expiryProblem(value: unknown, now: number): { expiresAt: number } | SimResponse {
    const expiresAt = typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isNaN(expiresAt))
      return GRAPH_ERRORS.badRequest('expirationDateTime is required and must be a date and time.');
    if (expiresAt <= now) return GRAPH_ERRORS.badRequest('Subscription expiration date time must be in the future.');
    if (expiresAt > now + MAX_MINUTES * 60_000)
      return GRAPH_ERRORS.badRequest(`Subscription expiration can only be ${MAX_MINUTES} minutes in the future.`);
    return { expiresAt };
  }

  private async create(body: unknown, roles: string[], now: number): Promise<SimResponse> {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return GRAPH_ERRORS.badRequest('The request body must be a subscription object.');
    const b = body as Record<string, unknown>;
    const resource = typeof b.resource === 'string' ? b.resource.replace(/^\/+/, '') : '';
    // Only the two collections the app subscribes to are modelled; anything else fails loudly.
    if (resource !== 'users' && resource !== 'groups')
      return GRAPH_ERRORS.badRequest(
        `Resource '${String(b.resource)}' is not supported by this simulator (only 'users' and 'groups').`,
      );
    if (![...RESOURCES[resource], ...DIRECTORY_ROLES].some((r) => roles.includes(r))) return GRAPH_ERRORS.forbidden();
    const types = typeof b.changeType === 'string' ? b.changeType.split(',').map((t) => t.trim()) : [];
    if (types.length === 0 || types.some((t) => t !== 'updated' && t !== 'deleted'))
      return GRAPH_ERRORS.badRequest(
        `Subscriptions on ${resource} support only the changeType values updated and deleted.`,
      );
    const urlProblem =
      endpointProblem(b.notificationUrl, 'notificationUrl') ??
      (b.lifecycleNotificationUrl === undefined
        ? null
        : endpointProblem(b.lifecycleNotificationUrl, 'lifecycleNotificationUrl'));
    if (urlProblem) return GRAPH_ERRORS.badRequest(urlProblem);
    if (b.clientState !== undefined && (typeof b.clientState !== 'string' || b.clientState.length > MAX_CLIENT_STATE))
      return GRAPH_ERRORS.badRequest(`clientState must be a string of at most ${MAX_CLIENT_STATE} characters.`);
    const expiry = this.expiryProblem(b.expirationDateTime, now);
    if ('status' in expiry) return expiry;
    if (this.subscriptions.size >= MAX_PER_APP_AND_TENANT)
      return graphError(
        403,
        'ExtensionError',
        'Operation: Create; Exception: [Status Code: Forbidden; Reason: The number of subscriptions for this app and tenant has reached its limit.]',
      );
    // Both endpoints are validated, each with its own token.
    for (const url of [b.notificationUrl, b.lifecycleNotificationUrl].filter(
      (u): u is string => typeof u === 'string',
    )) {
      const check = await validateEndpoint(
        url,
        `Validation: Testing client application reachability for subscription Request-Id: ${randomBytes(8).toString('hex')}`,
      );
      if (!check.ok) return GRAPH_ERRORS.badRequest(`Subscription validation request failed: ${check.why}.`);
    }
    const subscription: SimSubscription = {
      id: randomUUID(),
      resource,
      changeType: types.join(','),
      notificationUrl: b.notificationUrl as string,
      lifecycleNotificationUrl: typeof b.lifecycleNotificationUrl === 'string' ? b.lifecycleNotificationUrl : null,
      clientState: typeof b.clientState === 'string' ? b.clientState : null,
      expiresAt: expiry.expiresAt,
    };
    this.subscriptions.set(subscription.id, subscription);
    return { status: 201, body: this.view(subscription) };
  }

  private renew(subscription: SimSubscription, body: unknown, now: number): SimResponse {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const unknown = Object.keys(b).filter((k) => k !== 'expirationDateTime' && k !== 'notificationUrl');
    if (unknown.length > 0)
      return GRAPH_ERRORS.badRequest(
        `Only expirationDateTime and notificationUrl can be updated, not ${unknown.join(', ')}.`,
      );
    const expiry = this.expiryProblem(b.expirationDateTime, now);
    if ('status' in expiry) return expiry;
    subscription.expiresAt = expiry.expiresAt;
    return { status: 200, body: this.view(subscription) };
  }

  private view(s: SimSubscription): Record<string, unknown> {
    return {
      id: s.id,
      resource: s.resource,
      applicationId: this.app.clientId,
      changeType: s.changeType,
      clientState: s.clientState,
      notificationUrl: s.notificationUrl,
      lifecycleNotificationUrl: s.lifecycleNotificationUrl,
      expirationDateTime: iso(s.expiresAt),
      latestSupportedTlsVersion: 'v1_2',
    };
  }
}
