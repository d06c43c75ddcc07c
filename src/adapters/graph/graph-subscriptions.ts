import { isSyncError, SyncError } from '../../core/errors';
import { SUBSCRIPTION_CHANGE_TYPES } from '../../core/change-notifications';
import type { ChangeSubscriptions, GraphSubscription } from '../../ports/change-subscriptions';
import type { GraphClient } from './graph-client';
import type { ReadPurpose } from './graph-error-mapping';

/** Subscribing needs read access to the resource: User.Read.All for users, Group.Read.All for groups (GroupMember.Read.All is not enough). */
const PURPOSE = {
  users: { what: 'a change-notification subscription on users', permission: 'User.Read.All' },
  groups: { what: 'a change-notification subscription on groups', permission: 'Group.Read.All' },
} as const satisfies Record<string, ReadPurpose>;
const BY_ID: ReadPurpose = { what: 'a change-notification subscription', permission: 'User.Read.All' };

function answer(body: Record<string, unknown> | null, what: string): GraphSubscription {
  const id = body?.id;
  const expiresAt = typeof body?.expirationDateTime === 'string' ? Date.parse(body.expirationDateTime) : NaN;
  if (typeof id !== 'string' || Number.isNaN(expiresAt))
    throw new SyncError(
      'graph-bad-response',
      `Microsoft Graph answered ${what} without a subscription id and expiry.`,
      { retryable: true },
    );
  return { id, expiresAt };
}

function notFoundAsGone(id: string) {
  return (error: unknown): never => {
    if (isSyncError(error) && error.code === 'graph-not-found')
      throw new SyncError(
        'graph-subscription-not-found',
        `Microsoft Graph no longer has the subscription ${id}; it will be created again.`,
      );
    throw error;
  };
}

/** `/subscriptions` (change-notifications-facts.md §1–2): create with the validation handshake, renew by PATCH, delete. */
export function createChangeSubscriptions(client: GraphClient): ChangeSubscriptions {
  return {
    async create(request) {
      const body = await client.send(
        'POST',
        '/subscriptions',
        {
          changeType: SUBSCRIPTION_CHANGE_TYPES,
          notificationUrl: request.notificationUrl,
          // Lifecycle notifications (reauthorizationRequired, subscriptionRemoved, missed) go to the same trigger.
          lifecycleNotificationUrl: request.notificationUrl,
          resource: request.resource,
          expirationDateTime: new Date(request.expiresAt).toISOString(),
          clientState: request.clientState,
        },
        PURPOSE[request.resource],
      );
      return answer(body, 'the new subscription');
    },
    async renew(id, expiresAt) {
      const body = await client
        .send(
          'PATCH',
          `/subscriptions/${encodeURIComponent(id)}`,
          { expirationDateTime: new Date(expiresAt).toISOString() },
          BY_ID,
        )
        .catch(notFoundAsGone(id));
      return answer(body, 'the renewal');
    },
    async remove(id) {
      await client
        .send('DELETE', `/subscriptions/${encodeURIComponent(id)}`, undefined, BY_ID)
        .catch(notFoundAsGone(id));
    },
  };
}
