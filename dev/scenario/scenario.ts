import type { SettingsInput } from '../../src/settings/schema';

/**
 * The scenario file of design.md section 6: seeds both simulators and the settings. Used by tests,
 * the benchmark and `npm run sync`. Optional fields beyond the design are marked as extensions.
 */
export interface ScenarioEntraUser {
  id: string;
  userPrincipalName: string;
  mail: string | null;
  displayName: string;
  accountEnabled: boolean;
  userType: string;
  otherMails?: string[];
}

export interface ScenarioEntraGroup {
  id: string;
  displayName: string;
  /** IDs of users or of other groups (nesting). */
  members: string[];
}

/**
 * Extension: a change the Graph simulator makes after run `afterRun` of a multi-run scenario.
 * Deleting a user is a soft delete in Entra (delta: `@removed.reason` "changed", restorable);
 * `deleteUserPermanently` is gone for good ("deleted").
 */
export type ScenarioTenantChange =
  | { afterRun: number; change: 'softDeleteUser' | 'deleteUserPermanently' | 'restoreUser'; id: string }
  | { afterRun: number; change: 'addMember' | 'removeMember'; groupId: string; memberId: string };

/** Extension: an org contact, device or service principal (transitiveMembers lists them with users). */
export interface ScenarioEntraObject {
  id: string;
  type: 'orgContact' | 'device' | 'servicePrincipal';
  displayName: string;
  /** orgContact only. */
  mail?: string | null;
}

/** Extension: the app registration the Graph simulator accepts. Defaults to the scenario's settings. */
export interface ScenarioEntraApp {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** ISO date the secret expires; an expired secret yields AADSTS7000222. */
  secretEndDateTime?: string;
  /** Granted application permissions; default User.Read.All and GroupMember.Read.All. */
  roles?: string[];
}

export interface ScenarioJiraUser {
  accountId: string;
  emailAddress: string;
  displayName: string;
  active: boolean;
  accountType: 'atlassian' | 'app' | 'customer' | 'unknown';
  /** Profile privacy hides the email from search and user responses (the email API still returns it). */
  emailHidden?: boolean;
}

export interface ScenarioJiraGroup {
  name: string;
  groupId?: string;
  members: string[];
  /** A default product-access group. */
  defaultAccess?: boolean;
  /** Extension: the access the group grants ('site-admin' | 'admin' | 'user'), as group/bulk's accessType filter reports. */
  accessType?: 'site-admin' | 'admin' | 'user';
}

/** Which requests a fault applies to: the `after + 1`th matching request and the `times - 1` after it. */
interface ScenarioFaultMatch {
  service: 'graph' | 'jira';
  /** Path prefix without the query string, e.g. "/v1.0/users" or "/rest/api/3/group/user". */
  path: string;
  method?: string;
  /** How many matching requests are affected; default 1. Use a large number for a persistent fault. */
  times?: number;
  /** Matching requests to let through first; default 0 (so `after: 2` hits the third page of a list). */
  after?: number;
}

/**
 * Extension: a short page. The service answers normally but puts at most `shortPage` items on the
 * page (Jira: "page sizes are not part of the API and may change"; Graph chooses its own page sizes).
 */
export interface ScenarioShortPageFault extends ScenarioFaultMatch {
  shortPage: number;
}

/** A scenario fault: an error answer (the default) or a short page. */
export type ScenarioFault = ScenarioErrorFault | ScenarioShortPageFault;

/** An error answer in place of the service's own. */
export interface ScenarioErrorFault extends ScenarioFaultMatch {
  status: number;
  /** Retry-After seconds to send with the failure. */
  retryAfter?: number;
  /** Extension: Jira's RateLimit-Reason on a 429 (e.g. jira-quota-global-based). */
  rateLimitReason?: string;
  /** Response body; a service-shaped default is used when absent. */
  body?: unknown;
}

export interface Scenario {
  name?: string;
  description?: string;
  entra: {
    users: ScenarioEntraUser[];
    groups: ScenarioEntraGroup[];
    app?: ScenarioEntraApp;
    /** Extension: verified domains beyond those of the users' UPNs (a token request may name the tenant by one). */
    verifiedDomains?: string[];
    /** Extension: directory objects that are neither users nor groups, which groups may hold as members. */
    otherObjects?: ScenarioEntraObject[];
    /** Extension: changes to the tenant between runs of a multi-run scenario (`npm run sync -- --runs N`). */
    betweenRuns?: ScenarioTenantChange[];
    /** Extension: seconds a Graph delta token stays valid (default 7 days, as in Entra). */
    deltaTokenLifetimeSeconds?: number;
  };
  jira: {
    users: ScenarioJiraUser[];
    groups: ScenarioJiraGroup[];
    siteAdmins: string[];
    /** Extension: organization admins (account creation). */
    orgAdmins?: string[];
    /** Extension: API tokens the simulator accepts, for the apiToken write identity. */
    apiTokens?: Array<{ email: string; token: string }>;
  };
  settings: SettingsInput;
  faults?: ScenarioFault[];
}
