import type { EntraUser, IdentifierAttribute } from './model';

/**
 * The value a user is matched on: the chosen attribute, else the other one, lower-cased.
 * A guest's UPN (`alice_contoso.com#EXT#@tenant.onmicrosoft.com`) is not a mailbox address,
 * so it never serves as an identifier.
 */
export function identifierOf(
  user: Pick<EntraUser, 'mail' | 'userPrincipalName'>,
  preferred: IdentifierAttribute,
): string | null {
  const ordered = preferred === 'mail' ? [user.mail, user.userPrincipalName] : [user.userPrincipalName, user.mail];
  for (const value of ordered) {
    const trimmed = value?.trim();
    if (trimmed && !trimmed.includes('#EXT#') && trimmed.includes('@')) return trimmed.toLowerCase();
  }
  return null;
}

export function domainOf(identifier: string): string {
  return identifier.slice(identifier.lastIndexOf('@') + 1).toLowerCase();
}
