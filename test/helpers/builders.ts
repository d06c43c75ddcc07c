import type { EntraUser, JiraUser } from '../../src/core/model';

/** Test data builders with overrides: each test states only what matters to it. */
export function entraUser(id: string, overrides: Partial<EntraUser> = {}): EntraUser {
  return {
    id,
    userPrincipalName: `${id}@contoso.com`,
    mail: `${id}@contoso.com`,
    displayName: id,
    accountEnabled: true,
    userType: 'Member',
    ...overrides,
  };
}

/** Entra object ID number `n` (a GUID, as Graph writes it). */
export const numberedUserId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** Entra user number `n`, as stored: the sizes of a real user's record. */
export const numberedUser = (n: number, name = `User ${n}`): EntraUser => ({
  id: numberedUserId(n),
  userPrincipalName: `user${n}@contoso.onmicrosoft.com`,
  mail: `user${n}@contoso.com`,
  displayName: name,
  accountEnabled: true,
  userType: 'Member',
});

export function jiraUser(accountId: string, email: string | null, overrides: Partial<JiraUser> = {}): JiraUser {
  return {
    accountId,
    emailAddress: email,
    displayName: accountId,
    active: true,
    accountType: 'atlassian',
    ...overrides,
  };
}
