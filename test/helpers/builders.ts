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
