import { JiraDirectoryState } from '../../dev/sim/jira/directory-state';
import { orderedMembers } from '../../dev/sim/jira/member-order';
import type { Scenario } from '../../dev/scenario/scenario';
import { requestPoints } from '../../dev/sim/jira/points-quota';
import { BurstLimiter, faultResponse } from '../../dev/sim/jira/rate-limits';
import { stableGroupId } from '../../dev/sim/jira/stable-group-id';

describe('Jira simulator parts', () => {
  it('derives the same UUID-shaped group ID from a name, case-insensitively', () => {
    expect(stableGroupId('Engineering')).toBe(stableGroupId('engineering'));
    expect(stableGroupId('engineering')).not.toBe(stableGroupId('sales'));
    expect(stableGroupId('engineering')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('limits bursts per endpoint and method within one second', () => {
    let now = 5_000;
    const limiter = new BurstLimiter(2, () => now);
    expect(limiter.admit('GET', '/a')).toBeNull();
    expect(limiter.admit('GET', '/a')).toBeNull();
    expect(limiter.admit('GET', '/a')?.status).toBe(429);
    expect(limiter.admit('POST', '/a')).toBeNull();
    expect(limiter.admit('GET', '/b')).toBeNull();
    now += 1_000;
    expect(limiter.admit('GET', '/a')).toBeNull();
  });

  it('serves quota faults with their reason, Retry-After and an ISO reset time', () => {
    const response = faultResponse(
      { service: 'jira', path: '/x', status: 429, retryAfter: 90, rateLimitReason: 'jira-quota-tenant-based' },
      Date.UTC(2026, 0, 1),
    );
    expect(response.headers).toMatchObject({
      'Retry-After': '90',
      'RateLimit-Reason': 'jira-quota-tenant-based',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': '2026-01-01T00:01:30.000Z',
    });
    expect(response.body).toEqual({ errorMessages: [expect.any(String)], errors: {} });
  });

  it('defaults a 429 fault to a burst reason and other faults to a Jira error body', () => {
    expect(faultResponse({ service: 'jira', path: '/x', status: 429 }, 0).headers?.['RateLimit-Reason']).toBe(
      'jira-burst-based',
    );
    expect(faultResponse({ service: 'jira', path: '/x', status: 503 }, 0)).toEqual({
      status: 503,
      body: { errorMessages: ['Injected failure: HTTP 503.'], errors: {} },
    });
  });

  it('prices requests by the points model: 1 base, 2 per identity object on a successful GET, 1 per write', () => {
    expect(requestPoints('GET', { status: 200, body: [{}, {}, {}] })).toBe(7);
    expect(requestPoints('GET', { status: 200, body: { isLast: true, values: new Array(8).fill({}) } })).toBe(17);
    expect(requestPoints('GET', { status: 200, body: { header: '', total: 9, groups: [{}, {}] } })).toBe(5);
    expect(requestPoints('GET', { status: 200, body: { permissions: { ADMINISTER: {}, USER_PICKER: {} } } })).toBe(5);
    expect(requestPoints('GET', { status: 200, body: { accountId: 'a' } })).toBe(3);
    expect(requestPoints('GET', { status: 404, body: { errorMessages: ['x'], errors: {} } })).toBe(1);
    expect(requestPoints('POST', { status: 201, body: { name: 'g', groupId: 'id' } })).toBe(1);
    expect(requestPoints('DELETE', { status: 200 })).toBe(1);
  });

  it('keeps a group member order only while the members are unchanged, and accounts cannot change under it', () => {
    const user = (accountId: string, displayName: string) => ({
      accountId,
      displayName,
      emailAddress: `${accountId}@example.com`,
      active: true,
      accountType: 'atlassian' as const,
    });
    const scenario = {
      jira: {
        users: [user('a', 'Carol'), user('b', 'alice'), user('c', 'Bob'), user('d', 'Aaron')],
        groups: [{ name: 'g', members: ['a', 'b', 'c'] }],
        siteAdmins: [],
      },
    } as unknown as Scenario;
    const state = new JiraDirectoryState(scenario);
    const group = state.groupByName('g')!;
    const ids = () => orderedMembers(group, state).map((u) => u.accountId);
    expect(ids()).toEqual(['b', 'c', 'a']);
    group.members.add('d');
    expect(ids()).toEqual(['d', 'b', 'c', 'a']);
    group.members.add('d');
    group.members.delete('c');
    group.members.add('c');
    group.members.delete('b');
    expect(ids()).toEqual(['d', 'c', 'a']);
    group.members.clear();
    expect(ids()).toEqual([]);
    expect(() => {
      (state.user('a') as { displayName: string }).displayName = 'Zed';
    }).toThrow(TypeError);
  });
});
