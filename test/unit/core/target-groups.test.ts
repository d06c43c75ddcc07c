import type { ExistingJiraGroup, GroupMappingRules } from '../../../src/core/target-groups';
import { resolveTargets } from '../../../src/core/target-groups';

const rules: GroupMappingRules = { mapping: [], namePrefix: 'entra-', createMissing: true };
const eng = { id: 'e1', displayName: 'Engineering' };
const group = (name: string, extra: Partial<ExistingJiraGroup> = {}): ExistingJiraGroup => ({
  name,
  groupId: `id-${name}`,
  protected: false,
  access: null,
  ...extra,
});

describe('resolveTargets', () => {
  it.each([
    ['a missing group is created', rules, [], new Set<string>(), 'create'],
    [
      'a missing group with creation off is missing',
      { ...rules, createMissing: false },
      [],
      new Set<string>(),
      'missing',
    ],
    [
      'an existing group the app created is managed',
      rules,
      [group('entra-Engineering')],
      new Set(['id-entra-Engineering']),
      'managed',
    ],
    [
      'an existing group of that name the app does not own is a conflict',
      rules,
      [group('entra-Engineering')],
      new Set<string>(),
      'conflict',
    ],
    [
      'names match case-insensitively',
      rules,
      [group('ENTRA-engineering')],
      new Set(['id-ENTRA-engineering']),
      'managed',
    ],
    [
      'an explicit mapping adopts an existing group',
      { ...rules, mapping: [{ entraGroupId: 'E1', jiraGroup: 'eng-team' }] },
      [group('eng-team')],
      new Set<string>(),
      'managed',
    ],
    [
      'a protected group is never changed, even mapped explicitly',
      { ...rules, mapping: [{ entraGroupId: 'e1', jiraGroup: 'site-admins' }] },
      [group('site-admins', { protected: true, access: 'site-admin' })],
      new Set<string>(),
      'protected',
    ],
    [
      'a product-access group stays protected without the admin’s permission',
      { ...rules, mapping: [{ entraGroupId: 'e1', jiraGroup: 'jsw-users' }] },
      [group('jsw-users', { protected: true, access: 'product' })],
      new Set<string>(),
      'protected',
    ],
    [
      'a product-access group is managed when allowed and mapped explicitly',
      { ...rules, allowProductAccessGroups: true, mapping: [{ entraGroupId: 'e1', jiraGroup: 'jsw-users' }] },
      [group('jsw-users', { protected: true, access: 'product' })],
      new Set<string>(),
      'managed',
    ],
    [
      'allowing product access never opens admin groups',
      { ...rules, allowProductAccessGroups: true, mapping: [{ entraGroupId: 'e1', jiraGroup: 'jira-admins' }] },
      [group('jira-admins', { protected: true, access: 'admin' })],
      new Set<string>(),
      'protected',
    ],
  ] as const)('%s', (_name, r, existing, managed, state) => {
    expect(resolveTargets([eng], r, [...existing], managed)[0]?.state).toBe(state);
  });

  it('keeps the group the app created when the Entra group is renamed', () => {
    const renamed = { id: 'e1', displayName: 'Platform Engineering' };
    const [target] = resolveTargets(
      [renamed],
      rules,
      [group('entra-Engineering')],
      new Set(['id-entra-Engineering']),
      new Map([['e1', 'entra-Engineering']]),
    );
    expect(target).toMatchObject({ jiraGroup: 'entra-Engineering', state: 'managed' });
  });
});
