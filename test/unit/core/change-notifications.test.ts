import { MAX_DIRECTORY_SUBSCRIPTION_MINUTES, parseNotificationCollection, RENEW_WHEN_REMAINING_MS, SUBSCRIPTION_LIFETIME_MS, subscriptionDue, tenantMatches } from '../../../src/core/change-notifications';
import { sameSecret } from '../../../src/engine/notifications/subscription-state';

const SUB = '7f105c7d-2dc5-4530-97cd-4e7ae6534c07';
const TENANT = '84bd8158-6d4d-4958-8b9f-9d6445542f95';
const body = (...value: unknown[]) => JSON.stringify({ value });

describe('parseNotificationCollection', () => {
  it('reads changes and lifecycle events, keeping only subscription, clientState and tenant', () => {
    const parsed = parseNotificationCollection(
      body(
        { subscriptionId: SUB, clientState: 's', changeType: 'updated', tenantId: TENANT, resource: 'Users/x', resourceData: { id: 'x' } },
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

  it.each([
    ['not JSON', '{'],
    ['no value', '{"x":1}'],
    ['empty value', body()],
    ['too many', body(...Array.from({ length: 3 }, () => ({ subscriptionId: SUB, changeType: 'updated' })))],
    ['a subscription id that is not a GUID', body({ subscriptionId: 'abc', changeType: 'updated' })],
    ['created (not sent for users and groups)', body({ subscriptionId: SUB, changeType: 'created' })],
    ['an unknown lifecycle event', body({ subscriptionId: SUB, lifecycleEvent: 'reauthorize' })],
    ['a notification that is not an object', body('x')],
  ])('refuses %s', (_name, text) => {
    expect(parseNotificationCollection(text, 2).ok).toBe(false);
  });

  it('treats an over-long clientState as absent (never a match)', () => {
    const parsed = parseNotificationCollection(body({ subscriptionId: SUB, changeType: 'deleted', clientState: 'x'.repeat(129) }), 1);
    expect(parsed.ok && parsed.notifications[0]?.clientState).toBeNull();
  });
});

describe('tenantMatches', () => {
  it('compares GUID tenants case-insensitively and refuses a missing tenant', () => {
    expect(tenantMatches(TENANT.toUpperCase(), TENANT)).toBe(true);
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
  const live = { id: SUB, expiresAt: now + SUBSCRIPTION_LIFETIME_MS, removed: false, reauthorize: false, notificationUrl: url };

  it('asks for less than the 41,760-minute maximum and renews at half of it', () => {
    expect(SUBSCRIPTION_LIFETIME_MS).toBeLessThan(MAX_DIRECTORY_SUBSCRIPTION_MINUTES * 60_000);
    expect(RENEW_WHEN_REMAINING_MS).toBe((MAX_DIRECTORY_SUBSCRIPTION_MINUTES * 60_000) / 2);
    expect(subscriptionDue(live, url, now)).toBe('keep');
    expect(subscriptionDue({ ...live, expiresAt: now + RENEW_WHEN_REMAINING_MS + 1 }, url, now)).toBe('keep');
    expect(subscriptionDue({ ...live, expiresAt: now + RENEW_WHEN_REMAINING_MS - 1 }, url, now)).toBe('renew');
  });

  it('renews when Graph asks to reauthorize; creates when none, removed, expired or the URL changed', () => {
    expect(subscriptionDue({ ...live, reauthorize: true }, url, now)).toBe('renew');
    expect(subscriptionDue({ ...live, id: null }, url, now)).toBe('create');
    expect(subscriptionDue({ ...live, removed: true }, url, now)).toBe('create');
    expect(subscriptionDue({ ...live, expiresAt: now }, url, now)).toBe('create');
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
