import { indexAccounts, matchAccount } from '../../../src/core/match';
import type { JiraUser } from '../../../src/core/model';
import type { PlanInput, UserInput } from '../../../src/core/plan';
import { PENDING_ACCOUNT_PREFIX, planSync } from '../../../src/core/plan';
import { decideScope } from '../../../src/core/scope';
import type { GroupTarget } from '../../../src/core/target-groups';
import { entraUser, jiraUser } from '../../helpers';

const rules = { identifier: 'mail' as const, domains: ['contoso.com'], includeGuests: false, includeDisabled: false };
const target = (name: string, state: GroupTarget['state'], entraGroupId = `eg-${name}`): GroupTarget => ({
  entraGroupId,
  entraGroupName: name,
  jiraGroup: name,
  groupId: state === 'create' ? null : `jg-${name}`,
  state,
  explicit: false,
});

/** Every outcome and every reason, word for word: the per-user log is a public contract. */
describe('planSync outcomes, word for word', () => {
  const accounts: JiraUser[] = [
    jiraUser('acc-ann', 'ann@contoso.com'),
    jiraUser('acc-bob', 'bob@contoso.com'),
    jiraUser('acc-cy', 'cy@contoso.com'),
    jiraUser('acc-dee', 'dee@contoso.com'),
    jiraUser('acc-eve1', 'eve@contoso.com'),
    jiraUser('acc-eve2', 'eve@contoso.com'),
    jiraUser('acc-fay', 'fay@contoso.com'),
    jiraUser('acc-gus', 'gus@contoso.com'),
  ];
  const index = indexAccounts(accounts);
  const people = [
    entraUser('ann'),
    entraUser('bob'),
    entraUser('cy', { accountEnabled: false }),
    entraUser('dee'),
    entraUser('eve'),
    entraUser('fay'),
    entraUser('gus'),
    entraUser('hal'),
    entraUser('ivy', { mail: 'ivy@other.example' }),
  ];
  const users = new Map<string, UserInput>(
    people.map((u) => {
      const scope = decideScope(u, rules);
      return [
        u.id,
        {
          entraId: u.id,
          displayName: u.displayName,
          scope,
          ...(scope.inScope ? { match: matchAccount(scope.identifier, undefined, index) } : {}),
        },
      ];
    }),
  );
  const base: PlanInput = {
    targets: [
      target('eng', 'managed'),
      target('new', 'create'),
      target('admins', 'protected'),
      target('ops', 'managed'),
    ],
    entraMembers: new Map([
      ['eg-eng', ['ann', 'cy', 'eve', 'hal', 'ivy']],
      ['eg-new', ['ann']],
      ['eg-admins', ['fay', 'hal']],
      ['eg-ops', ['gus', 'eve']],
    ]),
    users,
    jiraMembers: new Map([
      [
        'jg-eng',
        [
          index.byAccountId.get('acc-cy') as JiraUser,
          index.byAccountId.get('acc-eve1') as JiraUser,
          index.byAccountId.get('acc-bob') as JiraUser,
        ],
      ],
      ['jg-ops', [index.byAccountId.get('acc-gus') as JiraUser, index.byAccountId.get('acc-dee') as JiraUser]],
    ]),
    entraIdOfAccount: new Map([
      ['acc-cy', 'cy'],
      ['acc-bob', 'bob'],
    ]),
    removalsEnabled: true,
  };

  it('plans creates, then adds, then removals, each sorted', () => {
    const plan = planSync(base);
    expect(plan.operations).toEqual([
      { op: 'createGroup', group: 'new', entraGroupId: 'eg-new' },
      {
        op: 'addMember',
        group: 'eng',
        groupId: 'jg-eng',
        accountId: 'acc-ann',
        email: 'ann@contoso.com',
        entraId: 'ann',
      },
      { op: 'addMember', group: 'new', groupId: null, accountId: 'acc-ann', email: 'ann@contoso.com', entraId: 'ann' },
      {
        op: 'removeMember',
        group: 'eng',
        groupId: 'jg-eng',
        accountId: 'acc-bob',
        email: 'bob@contoso.com',
        entraId: 'bob',
      },
      {
        op: 'removeMember',
        group: 'eng',
        groupId: 'jg-eng',
        accountId: 'acc-cy',
        email: 'cy@contoso.com',
        entraId: 'cy',
      },
      {
        op: 'removeMember',
        group: 'ops',
        groupId: 'jg-ops',
        accountId: 'acc-dee',
        email: 'dee@contoso.com',
        entraId: null,
      },
    ]);
    expect(plan.managedMemberships).toBe(5);
    expect(plan.groups).toEqual([
      { group: 'eng', members: 3, removals: 2, sourceEmpty: false },
      { group: 'ops', members: 2, removals: 1, sourceEmpty: false },
    ]);
    expect(plan.targets).toBe(base.targets);
  });

  it('gives every user an outcome and a reason', () => {
    const byId = Object.fromEntries(planSync(base).users.map((u) => [u.entraId, u]));
    expect(Object.keys(byId)).toEqual(['ann', 'bob', 'cy', 'dee', 'eve', 'fay', 'gus', 'hal', 'ivy']);
    expect(byId.ann).toEqual({
      entraId: 'ann',
      displayName: 'ann',
      identifier: 'ann@contoso.com',
      outcome: 'added',
      reason: 'The plan adds this user to eng, new.',
      accountId: 'acc-ann',
      groups: ['eng', 'new'],
    });
    expect(byId.bob).toEqual({
      entraId: 'bob',
      displayName: 'bob',
      identifier: 'bob@contoso.com',
      outcome: 'removed',
      reason: 'The plan removes this user from eng.',
      accountId: 'acc-bob',
      groups: [],
    });
    expect(byId.cy).toEqual({
      entraId: 'cy',
      displayName: 'cy',
      identifier: 'cy@contoso.com',
      outcome: 'disabled',
      reason:
        'The Entra account is disabled and disabled accounts are not included. The plan removes this user from eng.',
      accountId: null,
      groups: [],
    });
    expect(byId.dee).toEqual({
      entraId: 'dee',
      displayName: 'dee',
      identifier: 'dee@contoso.com',
      outcome: 'unchanged',
      reason: 'In scope and matched; no synced group to join.',
      accountId: 'acc-dee',
      groups: [],
    });
    expect(byId.eve).toEqual({
      entraId: 'eve',
      displayName: 'eve',
      identifier: 'eve@contoso.com',
      outcome: 'ambiguous-match',
      reason:
        '2 Atlassian accounts share the email eve@contoso.com (acc-eve1, acc-eve2); none was chosen. Kept acc-eve1 in eng: nothing is removed while the match is ambiguous.',
      accountId: null,
      groups: [],
    });
    expect(byId.fay).toEqual({
      entraId: 'fay',
      displayName: 'fay',
      identifier: 'fay@contoso.com',
      outcome: 'protected-group',
      reason: 'admins is protected (default access or admin group) and is never changed.',
      accountId: 'acc-fay',
      groups: [],
    });
    expect(byId.gus).toEqual({
      entraId: 'gus',
      displayName: 'gus',
      identifier: 'gus@contoso.com',
      outcome: 'unchanged',
      reason: 'Already in ops.',
      accountId: 'acc-gus',
      groups: ['ops'],
    });
    expect(byId.hal).toEqual({
      entraId: 'hal',
      displayName: 'hal',
      identifier: 'hal@contoso.com',
      outcome: 'not-in-jira',
      reason:
        'No active Atlassian account has the email hal@contoso.com. Invite the user to the site, or connect Atlassian Guard provisioning.',
      accountId: null,
      groups: [],
    });
    expect(byId.ivy).toEqual({
      entraId: 'ivy',
      displayName: 'ivy',
      identifier: 'ivy@other.example',
      outcome: 'domain-excluded',
      reason: 'The domain other.example is not one of the synced domains (contoso.com).',
      accountId: null,
      groups: [],
    });
  });

  it('with removals off, plans them as skipped, counts none, and says nobody was removed', () => {
    const plan = planSync({ ...base, removalsEnabled: false });
    expect(
      plan.operations
        .filter((o) => o.op === 'removeMember')
        .every((o) => o.op === 'removeMember' && o.skipped === 'removals-disabled'),
    ).toBe(true);
    expect(plan.groups.map((g) => g.removals)).toEqual([0, 0]);
    const byId = Object.fromEntries(plan.users.map((u) => [u.entraId, u]));
    expect(byId.bob?.outcome).toBe('unchanged');
    expect(byId.cy?.reason).toBe('The Entra account is disabled and disabled accounts are not included.');
  });

  it('creates missing accounts when asked, and adds them by their pending key', () => {
    const plan = planSync({ ...base, createAccounts: true });
    const hal = plan.operations.filter((o) => 'entraId' in o && o.entraId === 'hal');
    expect(hal).toEqual([
      { op: 'createUser', group: '', email: 'hal@contoso.com', entraId: 'hal' },
      {
        op: 'addMember',
        group: 'eng',
        groupId: 'jg-eng',
        accountId: `${PENDING_ACCOUNT_PREFIX}hal@contoso.com`,
        email: 'hal@contoso.com',
        entraId: 'hal',
      },
    ]);
    expect(plan.users.find((u) => u.entraId === 'hal')).toMatchObject({
      outcome: 'added',
      reason: 'No Atlassian account had the email hal@contoso.com: the plan creates one and adds it to eng.',
      accountId: null,
      groups: ['eng'],
    });
    expect(PENDING_ACCOUNT_PREFIX).toBe('pending:');
  });

  it('sorts several account creations by email', () => {
    const extra = [entraUser('zed'), entraUser('abe')];
    const more = new Map(users);
    for (const u of extra)
      more.set(u.id, {
        entraId: u.id,
        displayName: u.id,
        scope: decideScope(u, rules),
        match: { kind: 'not-in-jira' },
      });
    const plan = planSync({
      ...base,
      users: more,
      entraMembers: new Map([...base.entraMembers, ['eg-new', ['zed', 'abe']]]),
      createAccounts: true,
    });
    expect(
      plan.operations.filter((o) => o.op === 'createUser').map((o) => (o.op === 'createUser' ? o.email : '')),
    ).toEqual(['abe@contoso.com', 'hal@contoso.com', 'zed@contoso.com']);
  });

  it('ignores members it knows nothing about and users without a decision', () => {
    const plan = planSync({ ...base, entraMembers: new Map([['eg-eng', ['ghost']]]), jiraMembers: new Map() });
    expect(plan.operations).toEqual([{ op: 'createGroup', group: 'new', entraGroupId: 'eg-new' }]);
    expect(plan.groups).toEqual([
      { group: 'eng', members: 0, removals: 0, sourceEmpty: false },
      { group: 'ops', members: 0, removals: 0, sourceEmpty: true },
    ]);
  });

  it('lower-cases the email of a removal and keeps null when Jira hides it', () => {
    const hidden = { ...jiraUser('acc-x', null), emailAddress: null };
    const loud = jiraUser('acc-y', 'Y@Contoso.COM');
    const plan = planSync({
      ...base,
      targets: [target('ops', 'managed')],
      entraMembers: new Map(),
      jiraMembers: new Map([['jg-ops', [hidden, loud]]]),
    });
    expect(plan.operations.map((o) => (o.op === 'removeMember' ? o.email : 'x'))).toEqual([null, 'y@contoso.com']);
  });
});

describe('planSync with users in several groups', () => {
  const accounts = [
    jiraUser('a1', 'ann@contoso.com'),
    jiraUser('a2', 'bob@contoso.com'),
    jiraUser('k1', 'kit@contoso.com'),
    jiraUser('k2', 'kit@contoso.com'),
    jiraUser('p1', 'pat@contoso.com'),
  ];
  const index = indexAccounts(accounts);
  const people = [
    entraUser('ann'),
    entraUser('bob'),
    entraUser('kit'),
    entraUser('pat'),
    entraUser('dan', { accountEnabled: false }),
  ];
  const users = new Map<string, UserInput>(
    people.map((u) => {
      const scope = decideScope(u, rules);
      return [
        u.id,
        {
          entraId: u.id,
          displayName: u.id,
          scope,
          ...(scope.inScope ? { match: matchAccount(scope.identifier, undefined, index) } : {}),
        },
      ];
    }),
  );
  const member = (id: string) => index.byAccountId.get(id) as JiraUser;

  it('joins group names with commas in every reason, and sorts changes by group, then account', () => {
    const plan = planSync({
      targets: [
        target('zz', 'managed'),
        target('aa', 'managed'),
        target('p1', 'protected'),
        target('p2', 'protected'),
        target('c2', 'create'),
        target('c1', 'create'),
      ],
      entraMembers: new Map([
        ['eg-zz', ['kit', 'pat', 'ann', 'bob']],
        ['eg-aa', ['kit', 'pat', 'bob', 'ann']],
        ['eg-p1', ['pat']],
        ['eg-p2', ['pat']],
        ['eg-c1', []],
        ['eg-c2', []],
      ]),
      users,
      jiraMembers: new Map([
        ['jg-zz', [member('k1'), member('p1')]],
        ['jg-aa', [member('k1'), member('p1')]],
      ]),
      entraIdOfAccount: new Map(),
      removalsEnabled: true,
    });
    expect(plan.operations.map((o) => `${o.op}:${o.group}:${'accountId' in o ? o.accountId : ''}`)).toEqual([
      'createGroup:c1:',
      'createGroup:c2:',
      'addMember:aa:a1',
      'addMember:aa:a2',
      'addMember:zz:a1',
      'addMember:zz:a2',
    ]);
    const byId = Object.fromEntries(plan.users.map((u) => [u.entraId, u]));
    expect(byId.ann?.reason).toBe('The plan adds this user to aa, zz.');
    expect(byId.ann?.groups).toEqual(['aa', 'zz']);
    expect(byId.kit?.reason).toBe(
      '2 Atlassian accounts share the email kit@contoso.com (k1, k2); none was chosen. Kept k1 in zz, k1 in aa: nothing is removed while the match is ambiguous.',
    );
    // Protected groups are named before "already in": pat is in aa and zz and blocked from p1 and p2.
    expect(byId.pat?.reason).toBe('p1, p2 is protected (default access or admin group) and is never changed.');
    expect(byId.pat?.groups).toEqual(['aa', 'zz']);
  });

  it('says every group a user is removed from or protected in', () => {
    const plan = planSync({
      targets: [target('zz', 'managed'), target('aa', 'managed'), target('p2', 'protected'), target('p1', 'protected')],
      entraMembers: new Map([
        ['eg-p1', ['pat']],
        ['eg-p2', ['pat']],
        ['eg-aa', ['dan']],
      ]),
      users,
      jiraMembers: new Map([
        ['jg-zz', [member('a1'), member('a2')]],
        ['jg-aa', [member('a1'), member('a2')]],
      ]),
      entraIdOfAccount: new Map([
        ['a1', 'ann'],
        ['a2', 'dan'],
      ]),
      removalsEnabled: true,
    });
    const byId = Object.fromEntries(plan.users.map((u) => [u.entraId, u]));
    expect(byId.ann?.reason).toBe('The plan removes this user from aa, zz.');
    expect(byId.dan?.reason).toBe(
      'The Entra account is disabled and disabled accounts are not included. The plan removes this user from aa, zz.',
    );
    expect(byId.pat?.reason).toBe('p2, p1 is protected (default access or admin group) and is never changed.');
  });

  it('says every group a created account joins', () => {
    const nobody = new Map(users);
    nobody.set('new', {
      entraId: 'new',
      displayName: 'new',
      scope: { inScope: true, identifier: 'new@contoso.com' },
      match: { kind: 'not-in-jira' },
    });
    const plan = planSync({
      targets: [target('zz', 'create'), target('aa', 'create')],
      entraMembers: new Map([
        ['eg-zz', ['new']],
        ['eg-aa', ['new']],
      ]),
      users: nobody,
      jiraMembers: new Map(),
      entraIdOfAccount: new Map(),
      removalsEnabled: true,
      createAccounts: true,
    });
    expect(plan.users.find((u) => u.entraId === 'new')?.reason).toBe(
      'No Atlassian account had the email new@contoso.com: the plan creates one and adds it to aa, zz.',
    );
    expect(
      planSync({
        targets: [target('zz', 'create')],
        entraMembers: new Map([['eg-zz', ['new']]]),
        users: nobody,
        jiraMembers: new Map(),
        entraIdOfAccount: new Map(),
        removalsEnabled: true,
      }).operations,
    ).toEqual([{ op: 'createGroup', group: 'zz', entraGroupId: 'eg-zz' }]);
  });
});

/** The preview lists changes and users in a fixed order, whatever order Entra and Jira returned them in. */
describe('planSync order and wording whatever the read order', () => {
  const accounts = [
    jiraUser('a1', 'ann@contoso.com'),
    jiraUser('a2', 'bob@contoso.com'),
    jiraUser('x1', 'x1@contoso.com'),
    jiraUser('x2', 'x2@contoso.com'),
    jiraUser('k1', 'kit@contoso.com'),
    jiraUser('k2', 'kit@contoso.com'),
    jiraUser('m1', 'max@contoso.com'),
    jiraUser('m2', 'max@contoso.com'),
  ];
  const index = indexAccounts(accounts);
  const member = (id: string) => index.byAccountId.get(id) as JiraUser;
  const userMap = (ids: string[]) =>
    new Map<string, UserInput>(
      ids.map((id) => {
        const scope = decideScope(entraUser(id), rules);
        return [
          id,
          {
            entraId: id,
            displayName: id,
            scope,
            ...(scope.inScope ? { match: matchAccount(scope.identifier, undefined, index) } : {}),
          },
        ];
      }),
    );
  const plan = (options: Partial<PlanInput> & Pick<PlanInput, 'targets' | 'entraMembers' | 'users' | 'jiraMembers'>) =>
    planSync({ entraIdOfAccount: new Map(), removalsEnabled: true, ...options });

  it('sorts adds and removals by group, then by account, when both were read in reverse', () => {
    const result = plan({
      targets: [target('zz', 'managed'), target('aa', 'managed')],
      entraMembers: new Map([
        ['eg-zz', ['bob', 'ann']],
        ['eg-aa', ['bob', 'ann']],
      ]),
      users: userMap(['bob', 'ann']),
      jiraMembers: new Map([
        ['jg-zz', [member('x2'), member('x1')]],
        ['jg-aa', [member('x2'), member('x1')]],
      ]),
    });
    expect(result.operations.map((o) => `${o.op}:${o.group}:${'accountId' in o ? o.accountId : ''}`)).toEqual([
      'addMember:aa:a1',
      'addMember:aa:a2',
      'addMember:zz:a1',
      'addMember:zz:a2',
      'removeMember:aa:x1',
      'removeMember:aa:x2',
      'removeMember:zz:x1',
      'removeMember:zz:x2',
    ]);
  });

  it('lists users by Entra ID, not in the order they were read', () => {
    const result = plan({
      targets: [],
      entraMembers: new Map(),
      users: userMap(['kit', 'bob', 'ann']),
      jiraMembers: new Map(),
    });
    expect(result.users.map((u) => u.entraId)).toEqual(['ann', 'bob', 'kit']);
  });

  it('names only the accounts an ambiguous user kept, and says nothing was kept when none was held', () => {
    const result = plan({
      targets: [target('eng', 'managed')],
      entraMembers: new Map([['eg-eng', ['kit', 'max', 'ann']]]),
      users: userMap(['kit', 'max', 'ann']),
      jiraMembers: new Map([['jg-eng', [member('k1'), member('m2')]]]),
    });
    expect(result.operations).toEqual([expect.objectContaining({ op: 'addMember', accountId: 'a1' })]);
    const reasons = Object.fromEntries(result.users.map((u) => [u.entraId, u.reason]));
    expect(reasons.kit).toBe(
      '2 Atlassian accounts share the email kit@contoso.com (k1, k2); none was chosen. Kept k1 in eng: nothing is removed while the match is ambiguous.',
    );
    expect(reasons.max).toBe(
      '2 Atlassian accounts share the email max@contoso.com (m1, m2); none was chosen. Kept m2 in eng: nothing is removed while the match is ambiguous.',
    );
    const unheld = plan({
      targets: [target('eng', 'managed')],
      entraMembers: new Map([['eg-eng', ['kit']]]),
      users: userMap(['kit']),
      jiraMembers: new Map([['jg-eng', []]]),
    });
    expect(unheld.users[0]?.reason).toBe(
      '2 Atlassian accounts share the email kit@contoso.com (k1, k2); none was chosen.',
    );
  });

  it('plans a user in scope whose match was never decided as not in Jira: no add, no account created, no crash', () => {
    const users = userMap(['ann']);
    users.set('new', { entraId: 'new', displayName: 'new', scope: { inScope: true, identifier: 'new@contoso.com' } });
    const result = plan({
      targets: [target('eng', 'managed')],
      entraMembers: new Map([['eg-eng', ['new', 'ann']]]),
      users,
      jiraMembers: new Map([['jg-eng', []]]),
      createAccounts: true,
    });
    expect(result.operations).toEqual([expect.objectContaining({ op: 'addMember', accountId: 'a1' })]);
    expect(result.users.find((u) => u.entraId === 'new')).toMatchObject({ outcome: 'not-in-jira', groups: [] });
  });
});
