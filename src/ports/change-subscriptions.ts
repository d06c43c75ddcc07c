import type { SubscribedResource } from '../core/change-notifications';

/** A Graph change-notification subscription as Graph answers for it. */
export interface GraphSubscription {
  id: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface NewSubscription {
  resource: SubscribedResource;
  notificationUrl: string;
  /** The secret Graph sends back with every notification (at most 128 characters). */
  clientState: string;
  expiresAt: number;
}

/**
 * Graph's `/subscriptions` (change notifications on users and groups). Every method throws a
 * SyncError on failure; `renew` and `remove` throw `graph-subscription-not-found` when Graph no
 * longer has the subscription.
 */
export interface ChangeSubscriptions {
  create(request: NewSubscription): Promise<GraphSubscription>;
  /** PATCH expirationDateTime: renews and reauthorizes at once. */
  renew(id: string, expiresAt: number): Promise<GraphSubscription>;
  remove(id: string): Promise<void>;
}
