/** Plain data the pure core works on. Adapters translate Graph and Jira JSON into these shapes at the edge. */

export type IdentifierAttribute = 'mail' | 'userPrincipalName';

export interface EntraUser {
  id: string;
  userPrincipalName: string;
  mail: string | null;
  displayName: string;
  accountEnabled: boolean;
  /** 'Member' or 'Guest' in Entra; kept as a string because Graph may add values. */
  userType: string;
}

export interface EntraGroup {
  id: string;
  displayName: string;
}

export type JiraAccountType = 'atlassian' | 'app' | 'customer' | 'unknown';

export interface JiraUser {
  accountId: string;
  /** Null when profile privacy hides it and the email API has not filled it in. */
  emailAddress: string | null;
  displayName: string;
  active: boolean;
  accountType: JiraAccountType;
}

export interface JiraGroup {
  name: string;
  groupId: string;
}

/** Reason codes of design.md section 4: a public contract (scenario report, run logs). */
export type ReasonCode =
  | 'out-of-scope'
  | 'disabled'
  | 'guest-excluded'
  | 'domain-excluded'
  | 'no-identifier'
  | 'not-in-jira'
  | 'ambiguous-match'
  | 'protected-group'
  | 'added'
  | 'removed'
  | 'unchanged'
  | 'failed';

export type ExclusionReason = Extract<
  ReasonCode,
  'out-of-scope' | 'disabled' | 'guest-excluded' | 'domain-excluded' | 'no-identifier'
>;
