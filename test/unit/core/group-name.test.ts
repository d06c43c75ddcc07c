import { MAX_GROUP_NAME_LENGTH, normaliseGroupName } from '../../../src/core/group-name';
import type { GroupMappingRules } from '../../../src/core/target-groups';
import { resolveTargets } from '../../../src/core/target-groups';

const rules: GroupMappingRules = { mapping: [], namePrefix: 'entra-', createMissing: true };

describe('the Jira group-name rule (issue 17 item 4)', () => {
  it.each([
    ['removes control characters', 'Eng\u0000in\u001feer\u007fing\u0085', 'Engineering'],
    ['makes runs of white space one space and trims', '  Sales \t\n Team  ', 'Sales Team'],
    ['normalises to NFC', 'Cafe\u0301', 'Caf\u00e9'],
    ['removes line separators', 'A\u2028B', 'AB'],
  ])('%s', (_what, raw, expected) => {
    expect(normaliseGroupName(raw)).toEqual({ ok: true, name: expected });
  });

  it('cuts a long name to 255 characters and trims what the cut leaves', () => {
    expect(normaliseGroupName('x'.repeat(300))).toEqual({ ok: true, name: 'x'.repeat(MAX_GROUP_NAME_LENGTH) });
    expect(normaliseGroupName(`${'x'.repeat(254)} yz`)).toEqual({ ok: true, name: 'x'.repeat(254) });
    expect(MAX_GROUP_NAME_LENGTH).toBe(255);
  });

  it('never cuts a character in two', () => {
    const verdict = normaliseGroupName(`${'x'.repeat(254)}😀`);
    expect(verdict).toEqual({ ok: true, name: 'x'.repeat(254) });
    expect(normaliseGroupName(`${'x'.repeat(253)}😀`)).toEqual({ ok: true, name: `${'x'.repeat(253)}😀` });
  });

  it.each(['', '   ', '\u0000\u0001', '\t\n'])('refuses a name that is blank once cleaned (%j)', (raw) => {
    const verdict = normaliseGroupName(raw);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.problem).toMatch(/is blank after removing control characters and spaces; map the Entra group explicitly\.$/);
  });

  it('names the raw name printably in the problem', () => {
    const verdict = normaliseGroupName('\u0001');
    expect(!verdict.ok && verdict.problem).toContain('derived from "?"');
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
    const targets = resolveTargets([{ id: 'e1', displayName: 'Sales' }, { id: 'e2', displayName: 'SALES' }, { id: 'e3', displayName: 'Ops' }], rules, [], new Set());
    expect(Object.fromEntries(targets.map((t) => [t.entraGroupId, t.state]))).toEqual({ e1: 'invalid', e2: 'invalid', e3: 'create' });
    expect(targets.find((t) => t.entraGroupId === 'e1')?.problem).toContain('is also the Jira group of "SALES"');
  });

  it('refuses two Entra groups of the same name', () => {
    const targets = resolveTargets([{ id: 'e1', displayName: 'Sales' }, { id: 'e2', displayName: 'Sales' }], rules, [], new Set());
    expect(targets.every((t) => t.state === 'invalid')).toBe(true);
  });

  it('an explicit mapping or an owned group keeps its name; the derived newcomer is refused', () => {
    const explicit = resolveTargets([{ id: 'e1', displayName: 'X' }, { id: 'e2', displayName: 'Sales' }], { ...rules, mapping: [{ entraGroupId: 'e1', jiraGroup: 'ENTRA-sales' }] }, [], new Set());
    expect(explicit.find((t) => t.entraGroupId === 'e1')?.state).toBe('create');
    expect(explicit.find((t) => t.entraGroupId === 'e2')?.state).toBe('invalid');
    const owned = resolveTargets([{ id: 'e1', displayName: 'Renamed' }, { id: 'e2', displayName: 'Sales' }], rules, [{ name: 'entra-Sales', groupId: 'g1', protected: false }], new Set(['g1']), new Map([['e1', 'entra-Sales']]));
    expect(owned.find((t) => t.entraGroupId === 'e1')?.state).toBe('managed');
    expect(owned.find((t) => t.entraGroupId === 'e2')?.state).toBe('invalid');
  });

  it('several explicit mappings to one Jira group are intended, not a collision', () => {
    const targets = resolveTargets([{ id: 'e1', displayName: 'A' }, { id: 'e2', displayName: 'B' }], { ...rules, mapping: [{ entraGroupId: 'e1', jiraGroup: 'team' }, { entraGroupId: 'e2', jiraGroup: 'TEAM' }] }, [], new Set());
    expect(targets.map((t) => t.state)).toEqual(['create', 'create']);
  });
});
