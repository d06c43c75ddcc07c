import { SUBSCRIPTION_LIFETIME_MS } from '../../src/core/change-notifications';
import type { SubscriptionsState } from '../../src/engine';
import { STORAGE_KEYS } from '../../src/engine';
import type { StatusView } from '../../src/shared/resolver-contract';
import type { NearRealTimeRig } from '../helpers';
import { DEMO_ADMIN, nearRealTimeScenario, startNearRealTimeRig } from '../helpers';

const uid = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const gid = (n: number) => `10000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const NINA = uid(13);
const PLATFORM = gid(3); // Engineering ⊃ Backend ⊃ Platform

const status = async (h: NearRealTimeRig) =>
  ((await h.app.resolve('getStatus', {}, { accountId: DEMO_ADMIN })) as { ok: true; data: StatusView }).data;
const engineering = (h: NearRealTimeRig) => h.jira.groups().find((g) => g.name === 'entra-Engineering')?.members ?? [];
const ninaAccount = (h: NearRealTimeRig) =>
  h.jira.users().find((u) => u.emailAddress === 'nina@contoso.com')!.accountId;

describe('near-real-time updates (Graph change notifications)', () => {
  let h: NearRealTimeRig;
  beforeEach(async () => {
    h = await startNearRealTimeRig();
  });
  afterEach(() => h.close());

  it('the tick creates one subscription each on users and groups, after the validation handshake, shown as active', async () => {
    const live = h.graph.subscriptions.list();
    expect(live.map((s) => s.resource).sort()).toEqual(['groups', 'users']);
    expect(
      live.every((s) => s.notificationUrl === h.webTrigger.url && s.lifecycleNotificationUrl === h.webTrigger.url),
    ).toBe(true);
    expect(live.every((s) => s.changeType === 'updated,deleted' && (s.clientState ?? '').length >= 40)).toBe(true);
    // Each subscription has its own clientState.
    expect(new Set(live.map((s) => s.clientState)).size).toBe(2);
    const view = (await status(h)).notifications;
    expect(view.enabled).toBe(true);
    expect(view.subscriptions.map((s) => s.state)).toEqual(['active', 'active']);
    expect((await h.runs()).filter((r) => r.trigger === 'change-notification')).toEqual([]);
  });

  it('a user added to a nested Entra group reaches the Jira group through one notification run, without a tick', async () => {
    expect(engineering(h)).not.toContain(ninaAccount(h));
    h.graph.addMember(PLATFORM, NINA);
    await h.settle();
    expect(engineering(h)).toContain(ninaAccount(h));
    const [newest] = await h.runs();
    expect(newest).toMatchObject({ trigger: 'change-notification', kind: 'incremental', status: 'succeeded' });
    expect(newest!.counts.adds).toBe(1);
    const view = (await status(h)).notifications;
    expect(view.lastRun?.runId).toBe(newest!.id);
    expect(view.pendingSince).toBeNull();
    expect(view.subscriptions.find((s) => s.resource === 'groups')?.lastNotificationAt).not.toBeNull();
  });

  it('duplicated, out-of-order notifications of several changes coalesce into one run', async () => {
    Object.assign(h.graph.subscriptions.delivery.options, { duplicate: true, outOfOrder: true, delayMs: 20 });
    h.graph.addMember(PLATFORM, NINA);
    h.graph.updateUser(uid(2), { displayName: 'Bob B.' });
    h.graph.removeMember(gid(4), uid(3));
    await h.settle();
    const notified = (await h.runs()).filter((r) => r.trigger === 'change-notification');
    expect(notified).toHaveLength(1);
    // One batched collection (both subscriptions share the URL) of three notifications, delivered twice.
    expect(h.graph.subscriptions.delivery.log.map((d) => [d.status, d.notifications])).toEqual([
      [202, 3],
      [202, 3],
    ]);
    expect(engineering(h)).toContain(ninaAccount(h));
  });

  it('renews a subscription once less than half its lifetime is left, and leaves it alone before', async () => {
    const before = await h.kv.get<SubscriptionsState>(STORAGE_KEYS.subscriptions);
    await h.app.onScheduledTick();
    expect(await h.kv.get<SubscriptionsState>(STORAGE_KEYS.subscriptions)).toEqual(before);
    const soon = h.clock.now() + SUBSCRIPTION_LIFETIME_MS / 3;
    await h.kv.set(STORAGE_KEYS.subscriptions, { ...before!, users: { ...before!.users, expiresAt: soon } });
    await h.app.onScheduledTick();
    const after = (await h.kv.get<SubscriptionsState>(STORAGE_KEYS.subscriptions))!;
    expect(after.users.id).toBe(before!.users.id);
    expect(after.users.expiresAt).toBeGreaterThan(soon);
    expect(after.users.renewedAt).toBeGreaterThan(before!.users.createdAt!);
    const simulated = h.graph.subscriptions.list().find((s) => s.id === after.users.id)!;
    expect(simulated.expiresAt).toBe(after.users.expiresAt);
  });

  it('reauthorizationRequired renews at the next tick; missed starts a delta run; subscriptionRemoved is recreated with a new secret', async () => {
    const before = (await h.kv.get<SubscriptionsState>(STORAGE_KEYS.subscriptions))!;
    await h.app.onScheduledTick();
    expect((await h.kv.get<SubscriptionsState>(STORAGE_KEYS.subscriptions))!.groups.renewedAt).toBeNull();
    await h.graph.subscriptions.lifecycle(before.groups.id!, 'reauthorizationRequired');
    await h.app.onScheduledTick();
    expect((await h.kv.get<SubscriptionsState>(STORAGE_KEYS.subscriptions))!.groups.renewedAt).toBeGreaterThan(
      before.groups.createdAt!,
    );

    await h.graph.subscriptions.lifecycle(before.users.id!, 'missed');
    await h.settle();
    expect((await h.runs()).filter((r) => r.trigger === 'change-notification')).toHaveLength(1);

    const oldSecret = h.graph.subscriptions.list().find((s) => s.id === before.users.id)!.clientState;
    await h.graph.subscriptions.lifecycle(before.users.id!, 'subscriptionRemoved');
    expect(h.graph.subscriptions.list().map((s) => s.resource)).toEqual(['groups']);
    await h.app.onScheduledTick();
    const recreated = h.graph.subscriptions.list().find((s) => s.resource === 'users')!;
    expect(recreated.id).not.toBe(before.users.id);
    expect(recreated.clientState).not.toBe(oldSecret);
    await h.settle();
    // The removal and the recreation each ask for a delta run; they coalesce into one.
    expect((await h.runs()).filter((r) => r.trigger === 'change-notification')).toHaveLength(2);
  });

  it('a subscription Graph dropped silently is recreated when it expires', async () => {
    const before = (await h.kv.get<SubscriptionsState>(STORAGE_KEYS.subscriptions))!;
    h.graph.subscriptions.drop(before.groups.id!);
    await h.kv.set(STORAGE_KEYS.subscriptions, {
      ...before,
      groups: { ...before.groups, expiresAt: h.clock.now() + 1_000 },
    });
    h.clock.advance(2_000);
    await h.app.onScheduledTick();
    const groups = h.graph.subscriptions.list().filter((s) => s.resource === 'groups');
    expect(groups).toHaveLength(1);
    expect(groups[0]!.id).not.toBe(before.groups.id);
  });

  it('turning the switch off deletes both subscriptions and their secrets at the next tick', async () => {
    const view = (await h.app.resolve('getSettings', {}, { accountId: DEMO_ADMIN })) as {
      ok: true;
      data: { settings: Record<string, unknown> };
    };
    const saved = await h.app.resolve(
      'saveSettings',
      { settings: { ...view.data.settings, notifications: { enabled: false } } },
      { accountId: DEMO_ADMIN },
    );
    expect(saved.ok).toBe(true);
    expect((await status(h)).notifications.subscriptions.map((s) => s.state)).toEqual(['removing', 'removing']);
    await h.app.onScheduledTick();
    expect(h.graph.subscriptions.list()).toEqual([]);
    expect(await h.kv.getSecret(STORAGE_KEYS.subscriptionClientState('users'))).toBeUndefined();
    expect(await h.kv.getSecret(STORAGE_KEYS.subscriptionClientState('groups'))).toBeUndefined();
    expect((await status(h)).notifications.subscriptions.map((s) => s.state)).toEqual(['off', 'off']);
    h.graph.addMember(PLATFORM, NINA);
    await h.settle();
    expect((await h.runs()).filter((r) => r.trigger === 'change-notification')).toEqual([]);
  });

  it('without Group.Read.All the groups subscription fails with the permission named, and the users one still works', async () => {
    await h.close();
    const scenario = nearRealTimeScenario();
    scenario.entra.app = { roles: ['User.Read.All', 'GroupMember.Read.All'] };
    h = await startNearRealTimeRig(scenario);
    const subs = (await status(h)).notifications.subscriptions;
    expect(subs.find((s) => s.resource === 'users')?.state).toBe('active');
    const groups = subs.find((s) => s.resource === 'groups')!;
    expect(groups.state).toBe('failed');
    expect(groups.lastError?.code).toBe('graph-permission-missing');
    expect(groups.lastError?.message).toContain('Group.Read.All');
    const report = (await h.app.resolve('testConnection', {}, { accountId: DEMO_ADMIN })) as {
      ok: true;
      data: { permissions: Array<{ permission: string; granted: boolean; optional: boolean }> };
    };
    expect(report.data.permissions.find((p) => p.permission === 'Group.Read.All')).toMatchObject({
      granted: false,
      optional: false,
    });
  });
});
