import { MAX_SEARCH_LENGTH, normalizeSearch, odataString, queryString } from '../../src/adapters/graph/odata';
import { parseGroupFilter } from '../../dev/sim/graph/odata-filter';

describe('odataString', () => {
  it('quotes and doubles single quotes', () => {
    expect(odataString('abc')).toBe("'abc'");
    expect(odataString("O'Brien")).toBe("'O''Brien'");
    expect(odataString("''")).toBe("''''''");
  });

  it('keeps an injection attempt inside one literal, as a parser reads it', () => {
    const attack = "x') or true or startswith(displayName,'";
    const parsed = parseGroupFilter(`startswith(displayName,${odataString(attack)})`);
    expect(parsed).toEqual({ ok: true, filter: { kind: 'startsWith', prefix: attack } });
  });
});

describe('queryString', () => {
  it('keeps $ option names and percent-encodes values', () => {
    expect(queryString({ $select: 'id,mail', $top: 999, $filter: "startswith(displayName,'a b&c')" })).toBe(
      "?$select=id%2Cmail&$top=999&$filter=startswith(displayName%2C'a%20b%26c')",
    );
    expect(queryString({})).toBe('');
  });
});

describe('normalizeSearch', () => {
  it('trims and bounds the input', () => {
    expect(normalizeSearch('  eng  ')).toBe('eng');
    expect(normalizeSearch('x'.repeat(500))).toHaveLength(MAX_SEARCH_LENGTH);
  });
});
