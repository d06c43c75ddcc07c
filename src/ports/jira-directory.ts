import type { JiraGroup, JiraUser } from '../core/model';

/** What a group grants, as group/bulk's accessType filter reports it (Jira does not flag default access groups apart). */
export type GroupAccess = 'site-admin' | 'admin' | 'product' | null;

export interface JiraGroupDetails extends JiraGroup {
  /** True for site-admin, admin and product-access groups (default access groups among them). */
  protected: boolean;
  access: GroupAccess;
}

export interface JiraMembersPage {
  members: JiraUser[];
  /** startAt of the next page, or null when this was the last. */
  next: number | null;
}

export interface JiraUsersPage {
  users: JiraUser[];
  next: number | null;
}

export interface WriteIdentityHealth {
  accountId: string | null;
  displayName: string | null;
  active: boolean;
  siteAdmin: boolean;
  /**
   * Organization admin (needed to create accounts). Jira's REST API has no way to ask, so the
   * adapter reports null ("unknown"); only a refused account creation reveals it.
   */
  orgAdmin: boolean | null;
}

export interface CreatedJiraAccount {
  accountId: string;
}

/**
 * Jira Cloud as the engine sees it. Reads use the app's identity; writes use the configured
 * write identity (a site admin through impersonation, or a service account's API token).
 * Every method throws a `SyncError` on failure; none returns partial data.
 */
export interface JiraDirectory {
  /** `GET /rest/api/3/users/search` (all users, 1000 a page at most). */
  usersPage(startAt: number): Promise<JiraUsersPage>;
  /** `GET /rest/api/3/user/email/bulk`: emails hidden by profile privacy (asApp only). */
  emailsOf(accountIds: string[]): Promise<Map<string, string>>;
  /** `GET /rest/api/3/group/bulk` by name; names that do not exist are left out. */
  groupsByName(names: string[]): Promise<JiraGroupDetails[]>;
  /** `GET /rest/api/3/group/member`, 50 a page. */
  groupMembersPage(groupId: string, startAt: number): Promise<JiraMembersPage>;
  /** `POST /rest/api/3/group`; an existing group of that name is returned, not an error. */
  createGroup(name: string): Promise<JiraGroup>;
  /** `POST /rest/api/3/group/user`; adding an existing member succeeds. */
  addMember(groupId: string, accountId: string): Promise<void>;
  /** `DELETE /rest/api/3/group/user`; removing a non-member succeeds. */
  removeMember(groupId: string, accountId: string): Promise<void>;
  /**
   * `GET /rest/api/3/groups/picker` as the app: groups whose name contains the query (any case),
   * for the mapping picker. At most `limit`, and Jira caps the answer (20 by default) whatever is asked.
   */
  searchGroups(query: string, limit: number): Promise<JiraGroupDetails[]>;
  /**
   * `POST /rest/api/3/user` as the write identity: an account for `email` with exactly `products`
   * (an empty list means no product access). Only an organization admin's API token may call it.
   */
  createUser(email: string, products: string[]): Promise<CreatedJiraAccount>;
  /**
   * `GET /rest/api/3/user/search?query=`: active accounts whose visible email equals `email`
   * (case-insensitive). Incremental runs use it for the few new users; a hidden email is not found.
   */
  accountsByEmail(email: string): Promise<JiraUser[]>;
  /**
   * `GET /rest/api/3/user/search?query=`: active accounts whose display name equals `displayName`
   * (case-insensitive), their emails as visible (null when hidden). Finds a hidden-email account
   * without reading every account.
   */
  accountsByDisplayName(displayName: string): Promise<JiraUser[]>;
  /** `GET /rest/api/3/user/groups`: the IDs of an account's groups; null when Jira does not know the account. */
  groupIdsOfAccount(accountId: string): Promise<string[] | null>;
  /** Who writes, and whether they can (active site admin). */
  writeIdentityHealth(): Promise<WriteIdentityHealth>;
}
