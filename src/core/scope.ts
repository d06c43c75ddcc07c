import { domainOf, identifierOf } from './identifier';
import type { EntraUser, ExclusionReason, IdentifierAttribute } from './model';

export interface ScopeRules {
  identifier: IdentifierAttribute;
  /** Lower-case domains; empty means every domain. Subdomains of a listed domain match too. */
  domains: readonly string[];
  includeGuests: boolean;
  includeDisabled: boolean;
}

export type ScopeDecision =
  | { inScope: true; identifier: string }
  | { inScope: false; reason: ExclusionReason; identifier: string | null; detail: string };

/** Whether a user read from Entra takes part in the sync, and if not, the first rule that excludes them. */
export function decideScope(user: EntraUser, rules: ScopeRules): ScopeDecision {
  const identifier = identifierOf(user, rules.identifier);
  if (!user.accountEnabled && !rules.includeDisabled) {
    return {
      inScope: false,
      reason: 'disabled',
      identifier,
      detail: 'The Entra account is disabled and disabled accounts are not included.',
    };
  }
  if (user.userType.toLowerCase() === 'guest' && !rules.includeGuests) {
    return {
      inScope: false,
      reason: 'guest-excluded',
      identifier,
      detail: 'The user is a guest and guests are not included.',
    };
  }
  if (identifier === null) {
    const other = rules.identifier === 'mail' ? 'userPrincipalName' : 'mail';
    return {
      inScope: false,
      reason: 'no-identifier',
      identifier,
      detail: `The user has no usable ${rules.identifier} or ${other} address.`,
    };
  }
  if (rules.domains.length > 0 && !domainMatches(domainOf(identifier), rules.domains)) {
    return {
      inScope: false,
      reason: 'domain-excluded',
      identifier,
      detail: `The domain ${domainOf(identifier)} is not one of the synced domains (${rules.domains.join(', ')}).`,
    };
  }
  return { inScope: true, identifier };
}

function domainMatches(domain: string, allowed: readonly string[]): boolean {
  return allowed.some((d) => domain === d || domain.endsWith(`.${d}`));
}
