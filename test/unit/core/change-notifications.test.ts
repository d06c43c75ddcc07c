import {
  MAX_CLIENT_STATE_LENGTH,
  MAX_DIRECTORY_SUBSCRIPTION_MINUTES,
  parseNotificationCollection,
  RENEW_WHEN_REMAINING_MS,
  SUBSCRIBED_RESOURCES,
  SUBSCRIPTION_CHANGE_TYPES,
  SUBSCRIPTION_LIFETIME_MS,
  subscriptionDue,
  tenantMatches,
} from '../../../src/core/change-notifications';
import { sameSecret } from '../../../src/engine/notifications/subscription-state';

const SUB = '7f105c7d-2dc5-4530-97cd-4e7ae6534c07';
const TENANT = '84bd8158-6d4d-4958-8b9f-9d6445542f95';
const body = (...value: unknown[]) => JSON.stringify({ value });

describe('parseNotificationCollection', () => {
  it('reads changes and lifecycle events, keeping only subscription, clientState and tenant', () => {
    const parsed = parseNotificationCollection(
      body(
        {
          subscriptionId: SUB,
          clientState: 's',
          changeType: 'updated',
          tenantId: TENANT,
          resource: 'Users/x',
          resourceData: { id: 'x' },
        },
        { subscriptionId: SUB, clientState: 's', tenantId: TENANT, lifecycleEvent: 'missed' },
      ),
      10,
    );
    expect(parsed).toEqual({
      ok: true,
      notifications: [
        { subscriptionId: SUB, clientState: 's', tenantId: TENANT, change: { kind: 'change', changeType: 'updated' } },
        { subscriptionId: SUB, clientState: 's', tenantId: TENANT, change: { kind: 'lifecycle', event: 'missed' } },
      ],
    });
  });

  // The reason goes to the app's log: it must name what was wrong with the body.
  const noValue = 'the body has no "value" array of notifications';
  const notObject = 'a notification is not an object';
  const badSubscription = 'a notification has no valid subscriptionId';
  const noChange = 'a notification has neither a known changeType nor a lifecycleEvent';
  it.each([
    ['not JSON', '{', 'the body is not JSON'],
    ['no value', '{"x":1}', noValue],
    ['a null body', 'null', noValue],
    ['an array body', '[{"subscriptionId":"x"}]', noValue],
    ['a value that is not an array', '{"value":{"0":{}}}', noValue],
    ['empty value', body(), noValue],
    [
      'too many',
      body(...Array.from({ length: 3 }, () => ({ subscriptionId: SUB, changeType: 'updated' }))),
      'the collection has more than 2 notifications',
    ],
    ['a notification that is not an object', body('x'), notObject],
    ['a null notification', body(null), notObject],
    ['a notification that is an array', body([SUB]), notObject],
    ['a subscription id that is not a GUID', body({ subscriptionId: 'abc', changeType: 'updated' }), badSubscription],
    ['no subscription id', body({ changeType: 'updated' }), badSubscription],
    ['a subscription id inside an array', body({ subscriptionId: [SUB], changeType: 'updated' }), badSubscription],
    ['a GUID with text before it', body({ subscriptionId: `x${SUB}`, changeType: 'updated' }), badSubscription],
    ['a GUID with text after it', body({ subscriptionId: `${SUB}x`, changeType: 'updated' }), badSubscription],
    [
      'a GUID without its dashes',
      body({ subscriptionId: SUB.replace(/-/g, ''), changeType: 'updated' }),
      badSubscription,
    ],
    [
      'a GUID with a letter that is not hex',
      body({ subscriptionId: `g${SUB.slice(1)}`, changeType: 'updated' }),
      badSubscription,
    ],
    [
      'a GUID whose groups are too short',
      body({ subscriptionId: '7f105c7-2dc-453-97c-4e7ae6534c0', changeType: 'updated' }),
      badSubscription,
    ],
    [
      'a GUID whose groups are too long',
      body({ subscriptionId: '7f105c7dd-2dc55-45300-97cdd-4e7ae6534c077', changeType: 'updated' }),
      badSubscription,
    ],
    ['created (not sent for users and groups)', body({ subscriptionId: SUB, changeType: 'created' }), noChange],
    ['neither a change nor a lifecycle event', body({ subscriptionId: SUB }), noChange],
    [
      'an unknown lifecycle event',
      body({ subscriptionId: SUB, lifecycleEvent: 'reauthorize' }),
      'a notification has an unknown lifecycleEvent',
    ],
  ])('refuses %s, saying why', (_name, text, reason) => {
    expect(parseNotificationCollection(text, 2)).toEqual({ ok: false, reason });
  });

  it('refuses the whole collection when one notification is bad', () => {
    expect(
      parseNotificationCollection(
        body({ subscriptionId: SUB, changeType: 'updated' }, { subscriptionId: SUB, changeType: 'created' }),
        2,
      ).ok,
    ).toBe(false);
  });

  it('accepts exactly the maximum number of notifications, GUIDs in upper case, and every lifecycle event', () => {
    const events = ['reauthorizationRequired', 'subscriptionRemoved', 'missed'];
    const parsed = parseNotificationCollection(
      body(...events.map((lifecycleEvent) => ({ subscriptionId: SUB.toUpperCase(), lifecycleEvent }))),
      3,
    );
    expect(parsed.ok && parsed.notifications.map((n) => n.change)).toEqual(
      events.map((event) => ({ kind: 'lifecycle', event })),
    );
  });

  it('subscribes to exactly the change types it accepts, on users and groups', () => {
    expect(SUBSCRIBED_RESOURCES).toEqual(['users', 'groups']);
    const types = SUBSCRIPTION_CHANGE_TYPES.split(',');
    expect(types).toEqual(['updated', 'deleted']);
    for (const changeType of types)
      expect(parseNotificationCollection(body({ subscriptionId: SUB, changeType }), 1)).toMatchObject({
        ok: true,
        notifications: [{ change: { kind: 'change', changeType } }],
      });
  });

  it('treats an over-long clientState as absent (never a match)', () => {
    const parsed = parseNotificationCollection(
      body({ subscriptionId: SUB, changeType: 'deleted', clientState: 'x'.repeat(129) }),
      1,
    );
    expect(parsed.ok && parsed.notifications[0]?.clientState).toBeNull();
  });

  it('keeps a clientState of exactly 128 characters, and reads an empty or non-string clientState or tenant as absent', () => {
    const longest = 'x'.repeat(MAX_CLIENT_STATE_LENGTH);
    const parsed = parseNotificationCollection(
      body(
        { subscriptionId: SUB, changeType: 'updated', clientState: longest, tenantId: TENANT },
        { subscriptionId: SUB, changeType: 'updated', clientState: '', tenantId: '' },
        { subscriptionId: SUB, changeType: 'updated', clientState: 7, tenantId: [TENANT] },
      ),
      3,
    );
    expect(MAX_CLIENT_STATE_LENGTH).toBe(128);
    expect(parsed.ok && parsed.notifications.map((n) => [n.clientState, n.tenantId])).toEqual([
      [longest, TENANT],
      [null, null],
      [null, null],
    ]);
  });
});

describe('tenantMatches', () => {
  it('compares GUID tenants case-insensitively and refuses a missing tenant', () => {
    expect(tenantMatches(TENANT.toUpperCase(), TENANT)).toBe(true);
    expect(tenantMatches(TENANT, TENANT.toUpperCase())).toBe(true);
    expect(tenantMatches('00000000-0000-4000-8000-000000000000', TENANT)).toBe(false);
    expect(tenantMatches(null, TENANT)).toBe(false);
  });
  it('cannot compare a tenant configured as a domain, so it leaves the decision to clientState', () => {
    expect(tenantMatches(TENANT, 'contoso.onmicrosoft.com')).toBe(true);
  });
});

describe('subscriptionDue', () => {
  const now = 1_800_000_000_000;
  const url = 'https://example.atlassian-dev.net/x1/abc';
  const live = {
    id: SUB,
    expiresAt: now + SUBSCRIPTION_LIFETIME_MS,
    removed: false,
    reauthorize: false,
    notificationUrl: url,
  };

  it('asks for less than the 41,760-minute maximum and renews at half of it', () => {
    expect(MAX_DIRECTORY_SUBSCRIPTION_MINUTES).toBe(41_760);
    // Close to the maximum (within an hour) but under it, so Graph never refuses the expiry.
    expect(SUBSCRIPTION_LIFETIME_MS).toBeLessThan(MAX_DIRECTORY_SUBSCRIPTION_MINUTES * 60_000);
    expect(SUBSCRIPTION_LIFETIME_MS).toBeGreaterThan((MAX_DIRECTORY_SUBSCRIPTION_MINUTES - 60) * 60_000);
    expect(RENEW_WHEN_REMAINING_MS).toBe((MAX_DIRECTORY_SUBSCRIPTION_MINUTES * 60_000) / 2);
    expect(subscriptionDue(live, url, now)).toBe('keep');
    expect(subscriptionDue({ ...live, expiresAt: now + RENEW_WHEN_REMAINING_MS + 1 }, url, now)).toBe('keep');
    expect(subscriptionDue({ ...live, expiresAt: now + RENEW_WHEN_REMAINING_MS }, url, now)).toBe('keep');
    expect(subscriptionDue({ ...live, expiresAt: now + RENEW_WHEN_REMAINING_MS - 1 }, url, now)).toBe('renew');
  });

  it('renews when Graph asks to reauthorize; creates when none, removed, expired or the URL changed', () => {
    expect(subscriptionDue({ ...live, reauthorize: true }, url, now)).toBe('renew');
    expect(subscriptionDue({ ...live, id: null }, url, now)).toBe('create');
    expect(subscriptionDue({ ...live, removed: true }, url, now)).toBe('create');
    expect(subscriptionDue({ ...live, expiresAt: now }, url, now)).toBe('create');
    expect(subscriptionDue({ ...live, expiresAt: now + 1, reauthorize: true }, url, now)).toBe('renew');
    expect(subscriptionDue({ ...live, expiresAt: null }, url, now)).toBe('create');
    expect(subscriptionDue({ ...live, id: '' }, url, now)).toBe('create');
    expect(subscriptionDue({ ...live, notificationUrl: null }, url, now)).toBe('create');
    expect(subscriptionDue(live, `${url}-reinstalled`, now)).toBe('create');
  });
});

describe('sameSecret', () => {
  it('matches only the exact secret, whatever the lengths', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abcd', 'abc')).toBe(false);
    expect(sameSecret('', 'abc')).toBe(false);
    expect(sameSecret(null, 'abc')).toBe(false);
    expect(sameSecret('abc', undefined)).toBe(false);
  });
});
