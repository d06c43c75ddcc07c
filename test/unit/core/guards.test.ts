import type { GroupChange } from '../../../src/core/guards';
import { checkGroupGuards, checkRemovalThreshold } from '../../../src/core/guards';
import type { Operation } from '../../../src/core/plan';
import { planSync } from '../../../src/core/plan';
import { settingsSchema } from '../../../src/settings/schema';

const removal = (i: number, skipped = false): Operation => ({
  op: 'removeMember',
  group: 'g',
  groupId: 'g',
  accountId: `a${i}`,
  email: null,
  entraId: null,
  ...(skipped ? { skipped: 'removals-disabled' as const } : {}),
});
const plan = (removals: number, managed: number, skipped = 0) => ({
  operations: [
    ...Array.from({ length: removals }, (_, i) => removal(i)),
    ...Array.from({ length: skipped }, (_, i) => removal(1000 + i, true)),
  ],
  managedMemberships: managed,
});
const on = { enabled: true, maxPerRun: 10, maxPercent: 100, maxGroupPercent: 50 };

describe('run-wide circuit-breaker at its edges', () => {
  it('passes exactly maxPerRun removals and holds one more', () => {
    expect(checkRemovalThreshold(plan(10, 1000), on).ok).toBe(true);
    expect(checkRemovalThreshold(plan(11, 1000), on)).toMatchObject({
      ok: false,
      removals: 11,
      managedMemberships: 1000,
    });
  });

  it('passes exactly maxPercent and holds just over it', () => {
    const limits = { enabled: true, maxPerRun: 1000, maxPercent: 10 };
    expect(checkRemovalThreshold(plan(10, 100), limits).ok).toBe(true);
    const held = checkRemovalThreshold(plan(11, 100), limits);
    expect(held.ok).toBe(false);
    expect(!held.ok && held.message).toBe(
      'The plan removes 11 memberships: 11.0% of 100 managed memberships, over the 10% limit. Review the plan, then approve or discard it.',
    );
  });

  it('names both limits when both are crossed', () => {
    const held = checkRemovalThreshold(plan(20, 40), { enabled: true, maxPerRun: 5, maxPercent: 10 });
    expect(!held.ok && held.message).toBe(
      'The plan removes 20 memberships: more than the 5 allowed per run and 50.0% of 40 managed memberships, over the 10% limit. Review the plan, then approve or discard it.',
    );
  });

  it('treats removals from zero managed memberships as 100%', () => {
    expect(checkRemovalThreshold(plan(1, 0), { enabled: true, maxPerRun: 100, maxPercent: 99.9 }).ok).toBe(false);
    expect(checkRemovalThreshold(plan(1, 0), { enabled: true, maxPerRun: 100, maxPercent: 100 }).ok).toBe(true);
  });

  it('counts removals only, never adds or creates', () => {
    const adds: Operation[] = Array.from({ length: 20 }, (_, i) => ({
      op: 'addMember',
      group: 'g',
      groupId: 'g',
      accountId: `n${i}`,
      email: null,
      entraId: `e${i}`,
    }));
    expect(
      checkRemovalThreshold(
        {
          operations: [...adds, { op: 'createGroup', group: 'g', entraGroupId: 'x' }, removal(1)],
          managedMemberships: 1000,
        },
        on,
      ),
    ).toEqual({ ok: true });
  });

  it('ignores skipped removals and passes everything when turned off', () => {
    expect(checkRemovalThreshold(plan(0, 10, 50), { enabled: true, maxPerRun: 0, maxPercent: 0 }).ok).toBe(true);
    expect(checkRemovalThreshold(plan(500, 10), { enabled: false, maxPerRun: 0, maxPercent: 0 }).ok).toBe(true);
  });
});

describe('per-group guards (issue 17 item 3)', () => {
  const group = (overrides: Partial<GroupChange>): GroupChange => ({
    group: 'eng',
    members: 10,
    removals: 0,
    sourceEmpty: false,
    ...overrides,
  });

  it('holds a group whose Entra side reads empty, whatever the percentage', () => {
    const held = checkGroupGuards([group({ members: 2, removals: 2, sourceEmpty: true })], {
      enabled: true,
      maxGroupPercent: 100,
    });
    expect(held).toMatchObject({ ok: false, removals: 2, managedMemberships: 2 });
    expect(!held.ok && held.message).toContain('eng would lose all 2 members because its Entra group reads as empty');
  });

  it('passes exactly the per-group percentage and holds just over it', () => {
    expect(checkGroupGuards([group({ removals: 5 })], on).ok).toBe(true);
    const held = checkGroupGuards([group({ removals: 6 }), group({ group: 'ops', removals: 1 })], on);
    expect(held).toMatchObject({ ok: false, removals: 6, managedMemberships: 10 });
    expect(!held.ok && held.message).toBe(
      'The plan empties or shrinks groups beyond the per-group limit: eng would lose 6 of its 10 members (60.0%, over the 50% per-group limit). Review the plan, then approve or discard it.',
    );
  });

  it('sums every group held', () => {
    const held = checkGroupGuards(
      [group({ removals: 6 }), group({ group: 'ops', members: 4, removals: 4, sourceEmpty: true })],
      on,
    );
    expect(held).toMatchObject({ ok: false, removals: 10, managedMemberships: 14 });
    expect(!held.ok && held.message).toContain('(60.0%, over the 50% per-group limit); ops would lose all 4 members');
  });

  it('passes groups without removals (an empty source with nothing to remove) and when removals are off', () => {
    expect(checkGroupGuards([group({ members: 0, sourceEmpty: true })], on).ok).toBe(true);
    expect(
      checkGroupGuards([group({ removals: 10, sourceEmpty: true })], { enabled: false, maxGroupPercent: 0 }).ok,
    ).toBe(true);
  });

  it('the planner reports each existing group with its members, removals and whether its source read empty', () => {
    const target = (name: string, entraGroupId: string) => ({
      entraGroupId,
      entraGroupName: name,
      jiraGroup: name,
      groupId: `jg-${name}`,
      state: 'managed' as const,
      explicit: true,
    });
    const member = (id: string) => ({
      accountId: id,
      emailAddress: `${id}@x.com`,
      displayName: id,
      active: true,
      accountType: 'atlassian' as const,
    });
    const input = {
      targets: [
        target('eng', 'e1'),
        target('eng', 'e2'),
        target('ops', 'o1'),
        { ...target('new', 'n1'), groupId: null, state: 'create' as const },
      ],
      entraMembers: new Map([['e2', ['u1']]]),
      users: new Map(),
      jiraMembers: new Map([
        ['jg-eng', [member('a'), member('b')]],
        ['jg-ops', [member('c')]],
      ]),
      entraIdOfAccount: new Map(),
      removalsEnabled: true,
    };
    expect(planSync(input).groups).toEqual([
      { group: 'eng', members: 2, removals: 2, sourceEmpty: false },
      { group: 'ops', members: 1, removals: 1, sourceEmpty: true },
    ]);
    expect(planSync({ ...input, removalsEnabled: false }).groups.map((g) => g.removals)).toEqual([0, 0]);
  });

  it('is a validated setting with a default of 50%', () => {
    const base = {
      tenantId: '00000000-0000-4000-8000-000000000000',
      clientId: '00000000-0000-4000-8000-000000000001',
      scope: { mode: 'all' },
      writeAs: { mode: 'runAsAdmin', accountId: 'abc' },
    };
    expect(settingsSchema.parse(base).removals.maxGroupPercent).toBe(50);
    expect(settingsSchema.parse({ ...base, removals: { maxGroupPercent: 25 } }).removals.maxGroupPercent).toBe(25);
    expect(settingsSchema.safeParse({ ...base, removals: { maxGroupPercent: 101 } }).success).toBe(false);
    expect(settingsSchema.safeParse({ ...base, removals: { maxGroupPercent: -1 } }).success).toBe(false);
  });
});
