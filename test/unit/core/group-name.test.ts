import { groupNameKey, MAX_GROUP_NAME_LENGTH, normaliseGroupName } from '../../../src/core/group-name';
import type { GroupMappingRules } from '../../../src/core/target-groups';
import { resolveTargets } from '../../../src/core/target-groups';

const rules: GroupMappingRules = { mapping: [], namePrefix: 'entra-', createMissing: true };

describe('the Jira group-name rule (issue 17 item 4)', () => {
  it.each([
    ['removes control characters', 'Eng\u0000in\u001feer\u007fing\u0085', 'Engineering'],
    ['makes runs of white space one space and trims', '  Sales \t\n Team  ', 'Sales Team'],
    ['normalises to NFC', 'Cafe\u0301', 'Caf\u00e9'],
    ['removes line separators', 'A\u2028B', 'AB'],
    ['removes paragraph separators and the last C1 control', 'A\u2029B\u009fC\u0080D', 'ABCD'],
    ['keeps printable characters beyond the controls', '\u00a0Ops\u00a0Team\u00a0', 'Ops Team'],
  ])('%s', (_what, raw, expected) => {
    expect(normaliseGroupName(raw)).toEqual({ ok: true, name: expected });
  });

  it('cuts a long name to 255 characters and trims what the cut leaves', () => {
    expect(normaliseGroupName('x'.repeat(300))).toEqual({ ok: true, name: 'x'.repeat(MAX_GROUP_NAME_LENGTH) });
    expect(normaliseGroupName(`${'x'.repeat(254)} yz`)).toEqual({ ok: true, name: 'x'.repeat(254) });
    expect(MAX_GROUP_NAME_LENGTH).toBe(255);
  });

  it('compares names by their lower-case key, as Jira does', () => {
    expect(groupNameKey('Entra-Ops')).toBe('entra-ops');
  });

  it('never cuts a character in two', () => {
    const verdict = normaliseGroupName(`${'x'.repeat(254)}😀`);
    expect(verdict).toEqual({ ok: true, name: 'x'.repeat(254) });
    expect(normaliseGroupName(`${'x'.repeat(253)}😀`)).toEqual({ ok: true, name: `${'x'.repeat(253)}😀` });
  });

  it.each(['', '   ', '\u0000\u0001', '\t\n'])('refuses a name that is blank once cleaned (%j)', (raw) => {
    const verdict = normaliseGroupName(raw);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.problem).toMatch(
      /is blank after removing control characters and spaces; map the Entra group explicitly\.$/,
    );
  });

  it('names the raw name printably, and briefly, in the problem', () => {
    const verdict = normaliseGroupName('\u0001');
    expect(!verdict.ok && verdict.problem).toBe(
      'The Jira group name derived from "?" is blank after removing control characters and spaces; map the Entra group explicitly.',
    );
    const long = normaliseGroupName('\u0002'.repeat(100));
    expect(long).toEqual({
      ok: false,
      name: '',
      problem: `The Jira group name derived from "${'?'.repeat(80)}" is blank after removing control characters and spaces; map the Entra group explicitly.`,
    });
  });
});

describe('resolveTargets applies the rule', () => {
  it('derives a cleaned, bounded name', () => {
    const [target] = resolveTargets([{ id: 'e1', displayName: `Eng\u0007 ${'y'.repeat(400)}` }], rules, [], new Set());
    expect(target?.state).toBe('create');
    expect(target?.jiraGroup).toBe(`entra-Eng ${'y'.repeat(255 - 10)}`);
  });

  it('refuses a blank derived name instead of creating ""', () => {
    const [target] = resolveTargets([{ id: 'e1', displayName: '  ' }], { ...rules, namePrefix: '' }, [], new Set());
    expect(target).toMatchObject({ state: 'invalid', groupId: null });
    expect(target?.problem).toContain('blank');
  });

  it('refuses Entra groups whose derived names differ only in case, naming each other', () => {
    const targets = resolveTargets(
      [
        { id: 'e1', displayName: 'Sales' },
        { id: 'e2', displayName: 'SALES' },
        { id: 'e3', displayName: 'Ops' },
      ],
      rules,
      [],
      new Set(),
    );
    expect(Object.fromEntries(targets.map((t) => [t.entraGroupId, t.state]))).toEqual({
      e1: 'invalid',
      e2: 'invalid',
      e3: 'create',
    });
    expect(targets.find((t) => t.entraGroupId === 'e1')?.problem).toContain('is also the Jira group of "SALES"');
  });

  it('refuses two Entra groups of the same name', () => {
    const targets = resolveTargets(
      [
        { id: 'e1', displayName: 'Sales' },
        { id: 'e2', displayName: 'Sales' },
      ],
      rules,
      [],
      new Set(),
    );
    expect(targets.every((t) => t.state === 'invalid')).toBe(true);
  });

  it('an explicit mapping or an owned group keeps its name; the derived newcomer is refused', () => {
    const explicit = resolveTargets(
      [
        { id: 'e1', displayName: 'X' },
        { id: 'e2', displayName: 'Sales' },
      ],
      { ...rules, mapping: [{ entraGroupId: 'e1', jiraGroup: 'ENTRA-sales' }] },
      [],
      new Set(),
    );
    expect(explicit.find((t) => t.entraGroupId === 'e1')?.state).toBe('create');
    expect(explicit.find((t) => t.entraGroupId === 'e2')?.state).toBe('invalid');
    const owned = resolveTargets(
      [
        { id: 'e1', displayName: 'Renamed' },
        { id: 'e2', displayName: 'Sales' },
      ],
      rules,
      [{ name: 'entra-Sales', groupId: 'g1', protected: false }],
      new Set(['g1']),
      new Map([['e1', 'entra-Sales']]),
    );
    expect(owned.find((t) => t.entraGroupId === 'e1')?.state).toBe('managed');
    expect(owned.find((t) => t.entraGroupId === 'e2')?.state).toBe('invalid');
  });

  it('several explicit mappings to one Jira group are intended, not a collision', () => {
    const targets = resolveTargets(
      [
        { id: 'e1', displayName: 'A' },
        { id: 'e2', displayName: 'B' },
      ],
      {
        ...rules,
        mapping: [
          { entraGroupId: 'e1', jiraGroup: 'team' },
          { entraGroupId: 'e2', jiraGroup: 'TEAM' },
        ],
      },
      [],
      new Set(),
    );
    expect(targets.map((t) => t.state)).toEqual(['create', 'create']);
  });
});

describe('resolveTargets, word for word', () => {
  it('explains a collision naming every other group, and keeps the Jira spelling of an existing group', () => {
    const targets = resolveTargets(
      [
        { id: 'e1', displayName: 'Sales' },
        { id: 'e2', displayName: 'sales' },
        { id: 'e3', displayName: 'SALES' },
        { id: 'e4', displayName: 'Ops' },
      ],
      rules,
      [{ name: 'ENTRA-OPS', groupId: 'g-ops', protected: false }],
      new Set(['g-ops']),
    );
    expect(targets.find((t) => t.entraGroupId === 'e1')).toEqual({
      entraGroupId: 'e1',
      entraGroupName: 'Sales',
      jiraGroup: 'entra-Sales',
      groupId: null,
      state: 'invalid',
      explicit: false,
      problem:
        'The Jira group name "entra-Sales" derived from Entra group "Sales" is also the Jira group of "sales", "SALES" (Jira group names ignore case); map the groups explicitly to keep them apart.',
    });
    expect(targets.find((t) => t.entraGroupId === 'e4')).toEqual({
      entraGroupId: 'e4',
      entraGroupName: 'Ops',
      jiraGroup: 'ENTRA-OPS',
      groupId: 'g-ops',
      state: 'managed',
      explicit: false,
    });
  });

  it('sorts targets by Jira group, then Entra group ID', () => {
    const targets = resolveTargets(
      [
        { id: 'b', displayName: 'Zed' },
        { id: 'c', displayName: 'Abe' },
        { id: 'a', displayName: 'X' },
      ],
      {
        ...rules,
        mapping: [
          { entraGroupId: 'a', jiraGroup: 'entra-Zed' },
          { entraGroupId: 'b', jiraGroup: 'entra-Zed' },
        ],
      },
      [],
      new Set(),
    );
    expect(targets.map((t) => `${t.jiraGroup}/${t.entraGroupId}`)).toEqual([
      'entra-Abe/c',
      'entra-Zed/a',
      'entra-Zed/b',
    ]);
  });

  it('matches mappings and owned groups by Entra ID case-insensitively', () => {
    const [explicit] = resolveTargets(
      [{ id: 'ABC', displayName: 'X' }],
      { ...rules, mapping: [{ entraGroupId: 'abc', jiraGroup: 'team' }] },
      [],
      new Set(),
    );
    expect(explicit).toMatchObject({ jiraGroup: 'team', explicit: true });
    const [owned] = resolveTargets(
      [{ id: 'ABC', displayName: 'X' }],
      rules,
      [],
      new Set(),
      new Map([['abc', 'entra-Old']]),
    );
    expect(owned).toMatchObject({ jiraGroup: 'entra-Old', explicit: false, state: 'create' });
  });

  it('a standard admin name that does not exist yet is protected, never created', () => {
    const [target] = resolveTargets(
      [{ id: 'e1', displayName: 'administrators' }],
      { ...rules, namePrefix: '' },
      [],
      new Set(),
    );
    expect(target).toMatchObject({ state: 'protected', groupId: null });
  });

  it('a missing group with creation off stays missing; an owned existing group is managed', () => {
    expect(
      resolveTargets([{ id: 'e1', displayName: 'A' }], { ...rules, createMissing: false }, [], new Set())[0]?.state,
    ).toBe('missing');
    expect(
      resolveTargets(
        [{ id: 'e1', displayName: 'A' }],
        rules,
        [{ name: 'entra-A', groupId: 'g', protected: false }],
        new Set(['g']),
      )[0]?.state,
    ).toBe('managed');
    expect(
      resolveTargets(
        [{ id: 'e1', displayName: 'A' }],
        rules,
        [{ name: 'entra-A', groupId: 'g', protected: false }],
        new Set(['other']),
      )[0]?.state,
    ).toBe('conflict');
  });
});
