import { domainOf, identifierOf } from '../../../src/core/identifier';
import { decideScope } from '../../../src/core/scope';
import type { ScopeRules } from '../../../src/core/scope';
import { entraUser } from '../../helpers';

const rules: ScopeRules = { identifier: 'mail', domains: [], includeGuests: false, includeDisabled: false };

/** The edges of the scope rules that a careless change could move without any other test noticing. */
describe('identifierOf at its edges', () => {
  it.each([
    [
      'falls back to mail when the preferred UPN is a guest UPN',
      { mail: 'G@Partner.example', userPrincipalName: 'g_partner.example#EXT#@t.onmicrosoft.com' },
      'userPrincipalName',
      'g@partner.example',
    ],
    [
      'falls back to mail when the preferred UPN is absent',
      { mail: 'm@contoso.com', userPrincipalName: '' },
      'userPrincipalName',
      'm@contoso.com',
    ],
    [
      'trims surrounding spaces',
      { mail: '  Ann@Contoso.com  ', userPrincipalName: 'x@contoso.com' },
      'mail',
      'ann@contoso.com',
    ],
    [
      'skips a value without @',
      { mail: 'not-an-address', userPrincipalName: 'u@contoso.com' },
      'mail',
      'u@contoso.com',
    ],
    [
      'skips a mail that is a guest UPN',
      { mail: 'x#EXT#@t.onmicrosoft.com', userPrincipalName: 'u@contoso.com' },
      'mail',
      'u@contoso.com',
    ],
    [
      'has nothing when neither value is usable',
      { mail: 'nope', userPrincipalName: 'also-nope' },
      'userPrincipalName',
      null,
    ],
  ] as const)('%s', (_name, user, preferred, expected) => {
    expect(identifierOf(user, preferred)).toBe(expected);
  });

  it('takes the domain after the last @, lower-cased', () => {
    expect(domainOf('a@b@Sub.Contoso.COM')).toBe('sub.contoso.com');
    expect(domainOf('plain@contoso.com')).toBe('contoso.com');
  });
});

describe('decideScope at its edges', () => {
  it('explains each exclusion in words and keeps the identifier it found', () => {
    expect(decideScope(entraUser('a', { accountEnabled: false }), rules)).toEqual({
      inScope: false,
      reason: 'disabled',
      identifier: 'a@contoso.com',
      detail: 'The Entra account is disabled and disabled accounts are not included.',
    });
    expect(decideScope(entraUser('g', { userType: 'Guest' }), rules)).toEqual({
      inScope: false,
      reason: 'guest-excluded',
      identifier: 'g@contoso.com',
      detail: 'The user is a guest and guests are not included.',
    });
    expect(
      decideScope(entraUser('d', { mail: 'd@other.example' }), { ...rules, domains: ['contoso.com', 'fabrikam.com'] }),
    ).toEqual({
      inScope: false,
      reason: 'domain-excluded',
      identifier: 'd@other.example',
      detail: 'The domain other.example is not one of the synced domains (contoso.com, fabrikam.com).',
    });
  });

  it('names both attributes when neither holds an address, in the order of the preference', () => {
    const nobody = entraUser('n', { mail: null, userPrincipalName: 'n#EXT#@t.onmicrosoft.com' });
    expect(decideScope(nobody, rules)).toEqual({
      inScope: false,
      reason: 'no-identifier',
      identifier: null,
      detail: 'The user has no usable mail or userPrincipalName address.',
    });
    expect(decideScope(nobody, { ...rules, identifier: 'userPrincipalName' })).toMatchObject({
      detail: 'The user has no usable userPrincipalName or mail address.',
    });
  });

  it('reads the guest type case-insensitively', () => {
    expect(decideScope(entraUser('g', { userType: 'GUEST' }), rules)).toMatchObject({
      inScope: false,
      reason: 'guest-excluded',
    });
    expect(decideScope(entraUser('m', { userType: 'member' }), rules)).toEqual({
      inScope: true,
      identifier: 'm@contoso.com',
    });
  });

  it('needs one allowed domain, not every one', () => {
    expect(
      decideScope(entraUser('f', { mail: 'f@fabrikam.com' }), { ...rules, domains: ['contoso.com', 'fabrikam.com'] }),
    ).toEqual({ inScope: true, identifier: 'f@fabrikam.com' });
    expect(
      decideScope(entraUser('c', { mail: 'c@contoso.com' }), { ...rules, domains: ['contoso.com', 'fabrikam.com'] }),
    ).toEqual({ inScope: true, identifier: 'c@contoso.com' });
  });

  it('matches a listed domain exactly or as a parent, never as a suffix of another label', () => {
    expect(
      decideScope(entraUser('x', { mail: 'x@contoso.com.evil.example' }), { ...rules, domains: ['contoso.com'] }),
    ).toMatchObject({ reason: 'domain-excluded' });
    expect(decideScope(entraUser('y', { mail: 'y@a.b.contoso.com' }), { ...rules, domains: ['contoso.com'] })).toEqual({
      inScope: true,
      identifier: 'y@a.b.contoso.com',
    });
  });

  it('includes a disabled guest only when both are allowed', () => {
    const user = entraUser('dg', { accountEnabled: false, userType: 'Guest' });
    expect(decideScope(user, { ...rules, includeDisabled: true })).toMatchObject({ reason: 'guest-excluded' });
    expect(decideScope(user, { ...rules, includeDisabled: true, includeGuests: true })).toEqual({
      inScope: true,
      identifier: 'dg@contoso.com',
    });
  });
});
