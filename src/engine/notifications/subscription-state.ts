import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SubscribedResource } from '../../core/change-notifications';
import { SUBSCRIBED_RESOURCES } from '../../core/change-notifications';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { ErrorInfo } from '../../shared/resolver-contract';
import { STORAGE_KEYS } from '../state/keys';

/** One Graph subscription as the scheduled tick last left it (its clientState is in secret storage). */
export interface SubscriptionRecord {
  id: string | null;
  expiresAt: number | null;
  notificationUrl: string | null;
  createdAt: number | null;
  renewedAt: number | null;
  lastError: ErrorInfo | null;
}

export type SubscriptionsState = Record<SubscribedResource, SubscriptionRecord>;

/** Lifecycle notifications the web trigger accepted for a subscription; the tick acts on them. */
export interface LifecycleMarks {
  reauthorizeAt?: number;
  removedAt?: number;
}

/** A resource with no subscription: what a new install starts from and what a removed one returns to. */
export const NO_SUBSCRIPTION: SubscriptionRecord = {
  id: null,
  expiresAt: null,
  notificationUrl: null,
  createdAt: null,
  renewedAt: null,
  lastError: null,
};

export async function loadSubscriptions(kv: KeyValueStore): Promise<SubscriptionsState> {
  const stored = await kv.get<Partial<SubscriptionsState>>(STORAGE_KEYS.subscriptions);
  return Object.fromEntries(
    SUBSCRIBED_RESOURCES.map((r) => [r, { ...NO_SUBSCRIPTION, ...stored?.[r] }]),
  ) as SubscriptionsState;
}

export async function saveSubscriptions(kv: KeyValueStore, state: SubscriptionsState): Promise<void> {
  await kv.set(STORAGE_KEYS.subscriptions, state);
}

/** The resource a subscription id belongs to, when it is one of ours. */
export function resourceOf(state: SubscriptionsState, subscriptionId: string): SubscribedResource | undefined {
  return SUBSCRIBED_RESOURCES.find(
    (r) => state[r].id !== null && state[r].id.toLowerCase() === subscriptionId.toLowerCase(),
  );
}

/** A fresh clientState: 32 random bytes, 43 URL-safe characters (Graph allows 128). */
export async function newClientState(kv: KeyValueStore, resource: SubscribedResource): Promise<string> {
  const value = randomBytes(32).toString('base64url');
  await kv.setSecret(STORAGE_KEYS.subscriptionClientState(resource), value);
  return value;
}

export async function forgetClientState(kv: KeyValueStore, resource: SubscribedResource): Promise<void> {
  await kv.deleteSecret(STORAGE_KEYS.subscriptionClientState(resource));
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Compares in constant time (digests of equal length), so response timing reveals nothing of the secret. */
export function sameSecret(received: string | null, expected: string | undefined): boolean {
  if (received === null || expected === undefined) return false;
  return timingSafeEqual(digest(received), digest(expected));
}

export async function clientStateMatches(
  kv: KeyValueStore,
  resource: SubscribedResource,
  received: string | null,
): Promise<boolean> {
  return sameSecret(received, await kv.getSecret(STORAGE_KEYS.subscriptionClientState(resource)));
}
