import { identifierOf } from '../../../src/core/identifier';
import type { ScopeRules } from '../../../src/core/scope';
import { decideScope } from '../../../src/core/scope';
import { entraUser } from '../../helpers';

const rules: ScopeRules = { identifier: 'mail', domains: [], includeGuests: false, includeDisabled: false };

describe('identifierOf', () => {
  it.each([
    [
      'mail preferred and present',
      { mail: 'A@Contoso.com', userPrincipalName: 'a.upn@contoso.com' },
      'mail',
      'a@contoso.com',
    ],
    [
      'mail preferred but empty falls back to UPN',
      { mail: null, userPrincipalName: 'Erin@contoso.com' },
      'mail',
      'erin@contoso.com',
    ],
    [
      'UPN preferred',
      { mail: 'a@contoso.com', userPrincipalName: 'upn@contoso.com' },
      'userPrincipalName',
      'upn@contoso.com',
    ],
    [
      'a guest UPN is never an identifier',
      { mail: null, userPrincipalName: 'x_fabrikam.com#EXT#@contoso.onmicrosoft.com' },
      'mail',
      null,
    ],
    ['blank mail is treated as absent', { mail: '   ', userPrincipalName: 'b@contoso.com' }, 'mail', 'b@contoso.com'],
  ] as const)('%s', (_name, user, preferred, expected) => {
    expect(identifierOf(user, preferred)).toBe(expected);
  });
});

describe('decideScope', () => {
  it.each([
    ['an enabled member with mail is in scope', entraUser('a'), rules, { inScope: true, identifier: 'a@contoso.com' }],
    ['disabled is excluded', entraUser('a', { accountEnabled: false }), rules, { inScope: false, reason: 'disabled' }],
    [
      'disabled is included when enabled in settings',
      entraUser('a', { accountEnabled: false }),
      { ...rules, includeDisabled: true },
      { inScope: true },
    ],
    [
      'guests are excluded by default',
      entraUser('g', { userType: 'Guest' }),
      rules,
      { inScope: false, reason: 'guest-excluded' },
    ],
    [
      'guests can be included',
      entraUser('g', { userType: 'Guest' }),
      { ...rules, includeGuests: true },
      { inScope: true },
    ],
    [
      'no usable address',
      entraUser('n', { mail: null, userPrincipalName: 'n#EXT#@t.onmicrosoft.com' }),
      rules,
      { inScope: false, reason: 'no-identifier' },
    ],
    [
      'domain not listed',
      entraUser('d', { mail: 'd@other.example' }),
      { ...rules, domains: ['contoso.com'] },
      { inScope: false, reason: 'domain-excluded' },
    ],
    [
      'subdomain of a listed domain',
      entraUser('s', { mail: 's@eu.contoso.com' }),
      { ...rules, domains: ['contoso.com'] },
      { inScope: true },
    ],
    [
      'a look-alike domain is not a subdomain',
      entraUser('l', { mail: 'l@notcontoso.com' }),
      { ...rules, domains: ['contoso.com'] },
      { inScope: false, reason: 'domain-excluded' },
    ],
    [
      'disabled is reported before guest',
      entraUser('x', { accountEnabled: false, userType: 'Guest' }),
      rules,
      { inScope: false, reason: 'disabled' },
    ],
  ] as const)('%s', (_name, user, r, expected) => {
    expect(decideScope(user, r)).toMatchObject(expected);
  });
});
