import fc from 'fast-check';
import { checkRemovalThreshold } from '../../../src/core/guards';
import { indexAccounts, matchAccount } from '../../../src/core/match';
import type { JiraUser } from '../../../src/core/model';
import type { Operation, PlanInput, UserInput } from '../../../src/core/plan';
import { planSync } from '../../../src/core/plan';
import { decideScope } from '../../../src/core/scope';
import type { GroupTarget } from '../../../src/core/target-groups';
import { entraUser, jiraUser } from '../../helpers';

const rules = { identifier: 'mail' as const, domains: [], includeGuests: false, includeDisabled: false };

function target(name: string, state: GroupTarget['state'], overrides: Partial<GroupTarget> = {}): GroupTarget {
  return {
    entraGroupId: `eg-${name}`,
    entraGroupName: name,
    jiraGroup: name,
    groupId: state === 'create' || state === 'missing' ? null : `jg-${name}`,
    state,
    explicit: false,
    ...overrides,
  };
}

/** Builds planner input from Entra users, Entra memberships, Jira accounts and Jira memberships. */
function input(options: {
  entra: ReturnType<typeof entraUser>[];
  members: Record<string, string[]>;
  jira: JiraUser[];
  jiraMembers: Record<string, string[]>;
  targets: GroupTarget[];
  removalsEnabled?: boolean;
}): PlanInput {
  const index = indexAccounts(options.jira);
  const users = new Map<string, UserInput>();
  for (const u of options.entra) {
    const scope = decideScope(u, rules);
    users.set(u.id, {
      entraId: u.id,
      displayName: u.displayName,
      scope,
      ...(scope.inScope ? { match: matchAccount(scope.identifier, undefined, index) } : {}),
    });
  }
  return {
    targets: options.targets,
    entraMembers: new Map(Object.entries(options.members)),
    users,
    jiraMembers: new Map(
      Object.entries(options.jiraMembers).map(([g, ids]) => [
        g,
        ids.map((id) => index.byAccountId.get(id) as JiraUser),
      ]),
    ),
    entraIdOfAccount: new Map(),
    removalsEnabled: options.removalsEnabled ?? true,
  };
}

const alice = entraUser('alice');
const bob = entraUser('bob');
const grace = entraUser('grace', { accountEnabled: false });
const jiraAccounts = [
  jiraUser('a', 'alice@contoso.com'),
  jiraUser('b', 'bob@contoso.com'),
  jiraUser('g', 'grace@contoso.com'),
  jiraUser('manual', 'manual@contoso.com'),
];

describe('planSync', () => {
  it('creates a missing group, then adds its members, in that order', () => {
    const plan = planSync(
      input({
        entra: [alice, bob],
        members: { 'eg-eng': ['bob', 'alice'] },
        jira: jiraAccounts,
        jiraMembers: {},
        targets: [target('eng', 'create')],
      }),
    );
    expect(plan.operations.map((o) => `${o.op}:${'accountId' in o ? o.accountId : o.group}`)).toEqual([
      'createGroup:eng',
      'addMember:a',
      'addMember:b',
    ]);
  });

  it('removes members no longer wanted from a managed group, including accounts added by hand', () => {
    const plan = planSync(
      input({
        entra: [alice, grace],
        members: { 'eg-eng': ['alice', 'grace'] },
        jira: jiraAccounts,
        jiraMembers: { 'jg-eng': ['a', 'g', 'manual'] },
        targets: [target('eng', 'managed')],
      }),
    );
    expect(plan.operations).toEqual([
      expect.objectContaining({ op: 'removeMember', accountId: 'g' }),
      expect.objectContaining({ op: 'removeMember', accountId: 'manual' }),
    ]);
    expect(plan.users.find((u) => u.entraId === 'grace')?.outcome).toBe('disabled');
    expect(plan.users.find((u) => u.entraId === 'alice')?.outcome).toBe('unchanged');
  });

  it.each(['conflict', 'protected', 'missing'] as const)(
    "never changes a %s group, nor counts it among the user's groups",
    (state) => {
      const plan = planSync(
        input({
          entra: [alice],
          members: { 'eg-x': ['alice'] },
          jira: jiraAccounts,
          jiraMembers: { 'jg-x': ['b'] },
          targets: [target('x', state)],
        }),
      );
      expect(plan.operations).toEqual([]);
      expect(plan.users[0]?.groups).toEqual([]);
    },
  );

  it('reports a user whose only target is protected as protected-group', () => {
    const plan = planSync(
      input({
        entra: [alice],
        members: { 'eg-x': ['alice'] },
        jira: jiraAccounts,
        jiraMembers: {},
        targets: [target('x', 'protected')],
      }),
    );
    expect(plan.users[0]).toMatchObject({ outcome: 'protected-group' });
  });

  it('marks removals skipped when removals are off', () => {
    const plan = planSync(
      input({
        entra: [alice],
        members: { 'eg-eng': ['alice'] },
        jira: jiraAccounts,
        jiraMembers: { 'jg-eng': ['a', 'b'] },
        targets: [target('eng', 'managed')],
        removalsEnabled: false,
      }),
    );
    expect(plan.operations).toEqual([
      expect.objectContaining({ op: 'removeMember', accountId: 'b', skipped: 'removals-disabled' }),
    ]);
  });

  it('merges two Entra groups mapped to one Jira group without duplicate adds', () => {
    const targets = [
      target('eng', 'create', { entraGroupId: 'eg-1' }),
      target('eng', 'create', { entraGroupId: 'eg-2' }),
    ];
    const plan = planSync(
      input({
        entra: [alice, bob],
        members: { 'eg-1': ['alice', 'bob'], 'eg-2': ['alice'] },
        jira: jiraAccounts,
        jiraMembers: {},
        targets,
      }),
    );
    expect(plan.operations.filter((o) => o.op === 'addMember')).toHaveLength(2);
    expect(plan.operations.filter((o) => o.op === 'createGroup')).toHaveLength(1);
  });

  it('reports not-in-jira with how to fix it', () => {
    const plan = planSync(
      input({
        entra: [entraUser('heidi')],
        members: { 'eg-eng': ['heidi'] },
        jira: jiraAccounts,
        jiraMembers: {},
        targets: [target('eng', 'create')],
      }),
    );
    expect(plan.users[0]).toMatchObject({ outcome: 'not-in-jira', reason: expect.stringContaining('Invite') });
  });
});

describe('checkRemovalThreshold', () => {
  const planWith = (removals: number, managed: number) => ({
    operations: Array.from(
      { length: removals },
      (_, i): Operation => ({
        op: 'removeMember',
        group: 'g',
        groupId: 'g',
        accountId: `a${i}`,
        email: null,
        entraId: null,
      }),
    ),
    users: [],
    targets: [],
    managedMemberships: managed,
  });
  it.each([
    [5, 100, { enabled: true, maxPerRun: 10, maxPercent: 10 }, true],
    [11, 1000, { enabled: true, maxPerRun: 10, maxPercent: 10 }, false],
    [10, 50, { enabled: true, maxPerRun: 100, maxPercent: 10 }, false],
    [5, 50, { enabled: true, maxPerRun: 100, maxPercent: 10 }, true],
    [0, 0, { enabled: true, maxPerRun: 0, maxPercent: 0 }, true],
  ])('%i removals of %i memberships with %o passes: %s', (removals, managed, limits, ok) => {
    expect(checkRemovalThreshold(planWith(removals, managed), limits).ok).toBe(ok);
  });
});

describe('planSync properties', () => {
  // Generated tenants: users with random state, groups with random memberships on both sides.
  const tenant = fc.record({
    users: fc.array(fc.record({ enabled: fc.boolean(), guest: fc.boolean(), inJira: fc.boolean() }), { maxLength: 12 }),
    groups: fc.array(
      fc.record({
        state: fc.constantFrom<GroupTarget['state']>('managed', 'create', 'conflict', 'protected'),
        members: fc.array(fc.nat(11), { maxLength: 12 }),
        jiraMembers: fc.array(fc.nat(11), { maxLength: 12 }),
      }),
      { maxLength: 4 },
    ),
  });

  type Tenant = typeof tenant extends fc.Arbitrary<infer R> ? R : never;

  function build(t: Tenant, jiraState?: Map<string, Set<string>>) {
    const entra = t.users.map((u, i) =>
      entraUser(`u${i}`, { accountEnabled: u.enabled, userType: u.guest ? 'Guest' : 'Member' }),
    );
    const jira = t.users.flatMap((u, i) => (u.inJira ? [jiraUser(`acc${i}`, `u${i}@contoso.com`)] : []));
    const targets = t.groups.map((g, i) => target(`g${i}`, g.state));
    const members = Object.fromEntries(
      t.groups.map((g, i) => [`eg-g${i}`, g.members.filter((m) => m < t.users.length).map((m) => `u${m}`)]),
    );
    const jiraMembers = Object.fromEntries(
      t.groups.map((g, i) => [
        `jg-g${i}`,
        jiraState?.get(`g${i}`)
          ? [...(jiraState.get(`g${i}`) as Set<string>)]
          : g.state === 'create'
            ? []
            : [...new Set(g.jiraMembers.filter((m) => t.users[m]?.inJira).map((m) => `acc${m}`))],
      ]),
    );
    return input({ entra, members, jira, jiraMembers, targets });
  }

  it('is deterministic and converges: applying the plan and planning again gives an empty plan', () => {
    fc.assert(
      fc.property(tenant, (t) => {
        const first = planSync(build(t));
        expect(planSync(build(t))).toEqual(first);
        const state = new Map<string, Set<string>>();
        t.groups.forEach((g, i) =>
          state.set(
            `g${i}`,
            new Set(g.state === 'create' ? [] : g.jiraMembers.filter((m) => t.users[m]?.inJira).map((m) => `acc${m}`)),
          ),
        );
        for (const op of first.operations) {
          if (op.op === 'addMember') state.get(op.group)?.add(op.accountId);
          if (op.op === 'removeMember') state.get(op.group)?.delete(op.accountId);
        }
        const converged = build(t, state);
        converged.targets = converged.targets.map((tg) =>
          tg.state === 'create' ? { ...tg, state: 'managed', groupId: `jg-${tg.jiraGroup}` } : tg,
        );
        expect(planSync(converged).operations).toEqual([]);
        const keys = first.operations.map((o) => JSON.stringify(o));
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('planSync and ambiguous matches (issue 17 item 2)', () => {
  const twins = [
    jiraUser('a1', 'alice@contoso.com'),
    jiraUser('a2', 'ALICE@contoso.com '),
    jiraUser('b', 'bob@contoso.com'),
  ];

  it('never removes a membership an ambiguous candidate holds, and says so', () => {
    const plan = planSync(
      input({
        entra: [alice, bob],
        members: { 'eg-eng': ['alice', 'bob'] },
        jira: twins,
        jiraMembers: { 'jg-eng': ['a1', 'b'] },
        targets: [target('eng', 'managed')],
      }),
    );
    expect(plan.operations).toEqual([]);
    const outcome = plan.users.find((u) => u.entraId === 'alice');
    expect(outcome?.outcome).toBe('ambiguous-match');
    expect(outcome?.reason).toContain('Kept a1 in eng');
  });

  it('still removes an account nobody in the group can claim', () => {
    const plan = planSync(
      input({
        entra: [alice],
        members: { 'eg-eng': ['alice'] },
        jira: twins,
        jiraMembers: { 'jg-eng': ['a1', 'b'] },
        targets: [target('eng', 'managed')],
      }),
    );
    expect(plan.operations).toEqual([expect.objectContaining({ op: 'removeMember', accountId: 'b' })]);
    expect(plan.users.find((u) => u.entraId === 'alice')?.reason).not.toContain('Kept a2');
  });

  it('keeps nothing for an ambiguous user whose only mapping to the group is not written (a refused derived name)', () => {
    const targets = [
      target('eng', 'managed', { entraGroupId: 'eg-explicit', explicit: true }),
      target('eng', 'invalid', { entraGroupId: 'eg-derived', groupId: null }),
    ];
    const plan = planSync(
      input({
        entra: [alice, bob],
        members: { 'eg-explicit': ['bob'], 'eg-derived': ['alice'] },
        jira: twins,
        jiraMembers: { 'jg-eng': ['a1', 'b'] },
        targets,
      }),
    );
    expect(plan.operations).toEqual([expect.objectContaining({ op: 'removeMember', group: 'eng', accountId: 'a1' })]);
    expect(plan.users.find((u) => u.entraId === 'alice')?.reason).not.toContain('Kept');
  });

  it('keeps the candidates only in groups the ambiguous user belongs to', () => {
    const plan = planSync(
      input({
        entra: [alice, bob],
        members: { 'eg-eng': ['alice'], 'eg-ops': ['bob'] },
        jira: twins,
        jiraMembers: { 'jg-eng': ['a1'], 'jg-ops': ['a1', 'b'] },
        targets: [target('eng', 'managed'), target('ops', 'managed')],
      }),
    );
    expect(plan.operations).toEqual([expect.objectContaining({ op: 'removeMember', group: 'ops', accountId: 'a1' })]);
  });
});
