import { indexAccounts, isMatchable, matchAccount } from '../../../src/core/match';
import { jiraUser } from '../../helpers';

describe('indexAccounts', () => {
  it('keys emails trimmed and lower-cased, and indexes every account by ID', () => {
    const index = indexAccounts([
      jiraUser('a', '  Ann@Contoso.COM '),
      jiraUser('off', 'off@contoso.com', { active: false }),
      jiraUser('none', null),
    ]);
    expect([...index.byEmail]).toEqual([['ann@contoso.com', ['a']]]);
    expect([...index.byAccountId.keys()]).toEqual(['a', 'off', 'none']);
  });

  it('lists an account once even when it is read twice', () => {
    const index = indexAccounts([
      jiraUser('a', 'ann@contoso.com'),
      jiraUser('a', 'ann@contoso.com'),
      jiraUser('b', 'ANN@contoso.com'),
    ]);
    expect(index.byEmail.get('ann@contoso.com')).toEqual(['a', 'b']);
  });

  it('leaves out an empty email', () => {
    expect(indexAccounts([jiraUser('e', '')]).byEmail.size).toBe(0);
  });
});

describe('isMatchable', () => {
  it.each([
    [{}, true],
    [{ active: false }, false],
    [{ accountType: 'app' as const }, false],
    [{ accountType: 'customer' as const }, false],
    [{ accountType: 'unknown' as const }, false],
  ])('%o → %s', (overrides, expected) => {
    expect(isMatchable(jiraUser('x', 'x@contoso.com', overrides))).toBe(expected);
  });
});

describe('matchAccount at its edges', () => {
  const index = indexAccounts([
    jiraUser('a', 'ann@contoso.com'),
    jiraUser('z2', 'zed@contoso.com'),
    jiraUser('z1', 'zed@contoso.com'),
  ]);

  it('compares the identifier case-insensitively', () => {
    expect(matchAccount('ANN@Contoso.com', undefined, index)).toEqual({
      kind: 'matched',
      accountId: 'a',
      via: 'email',
    });
  });

  it('falls back to the email when the linked account is unknown', () => {
    expect(matchAccount('ann@contoso.com', 'gone', index)).toEqual({ kind: 'matched', accountId: 'a', via: 'email' });
  });

  it('reports ambiguous candidates sorted, without reordering the index', () => {
    expect(matchAccount('zed@contoso.com', undefined, index)).toEqual({
      kind: 'ambiguous-match',
      candidates: ['z1', 'z2'],
    });
    expect(index.byEmail.get('zed@contoso.com')).toEqual(['z2', 'z1']);
  });

  it('a link wins over an ambiguous email', () => {
    expect(matchAccount('zed@contoso.com', 'z2', index)).toEqual({ kind: 'matched', accountId: 'z2', via: 'link' });
  });
});
