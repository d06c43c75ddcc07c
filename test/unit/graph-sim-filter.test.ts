import { matchesGroupFilter, parseGroupFilter } from '../../dev/sim/graph/odata-filter';
import { deriveObjectId } from '../../dev/sim/graph/app-registration';

describe('simulator $filter parser', () => {
  it('parses id in (...) with spacing and case variations', () => {
    expect(parseGroupFilter("id in ('a', 'b')")).toEqual({ ok: true, filter: { kind: 'idIn', ids: ['a', 'b'] } });
    expect(parseGroupFilter("ID IN('a')")).toEqual({ ok: true, filter: { kind: 'idIn', ids: ['a'] } });
    expect(parseGroupFilter("id eq 'x'")).toEqual({ ok: true, filter: { kind: 'idIn', ids: ['x'] } });
  });

  it('reads doubled quotes as one quote', () => {
    expect(parseGroupFilter("startswith(displayName,'O''Brien')")).toEqual({
      ok: true,
      filter: { kind: 'startsWith', prefix: "O'Brien" },
    });
    expect(parseGroupFilter("displayName eq 'it''s'")).toEqual({
      ok: true,
      filter: { kind: 'displayNameEq', value: "it's" },
    });
  });

  it('rejects an unescaped quote that would end the literal early', () => {
    const result = parseGroupFilter("startswith(displayName,'x') or true or startswith(displayName,'')");
    expect(result.ok).toBe(false);
  });

  it('rejects more than 15 in-values and unknown forms', () => {
    const sixteen = Array.from({ length: 16 }, (_, i) => `'${i}'`).join(',');
    expect(parseGroupFilter(`id in (${sixteen})`)).toMatchObject({ ok: false, code: 'Request_UnsupportedQuery' });
    expect(parseGroupFilter("mail eq 'a'")).toMatchObject({ ok: false, code: 'Request_UnsupportedQuery' });
    expect(parseGroupFilter("identity eq 'a'")).toMatchObject({ ok: false });
    expect(parseGroupFilter("startswith(displayName,'unterminated")).toMatchObject({ ok: false, code: 'BadRequest' });
  });

  it('matches case-insensitively like the directory', () => {
    const group = { id: 'ABC', displayName: 'Engineering' };
    expect(matchesGroupFilter({ kind: 'startsWith', prefix: 'eNG' }, group)).toBe(true);
    expect(matchesGroupFilter({ kind: 'idIn', ids: ['abc'] }, group)).toBe(true);
    expect(matchesGroupFilter({ kind: 'startsWith', prefix: 'x' }, group)).toBe(false);
  });
});

describe('deriveObjectId', () => {
  it('is stable and GUID-shaped', () => {
    expect(deriveObjectId('app')).toBe(deriveObjectId('app'));
    expect(deriveObjectId('app')).not.toBe(deriveObjectId('other'));
    expect(deriveObjectId('app')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
