import type { EntraGroup, EntraUser } from '../core/model';
import type { ChangeSubscriptions } from './change-subscriptions';

/** One page of a Graph collection; `next` is the opaque absolute `@odata.nextLink` to resume from. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export type GraphPermission =
  | 'User.Read.All'
  | 'GroupMember.Read.All'
  | 'Group.Read.All'
  | 'Directory.Read.All'
  | 'Application.Read.All';

export interface PermissionReport {
  granted: GraphPermission[];
  /** Roles read from the token's `roles` claim (advisory; probes confirm). */
  tokenRoles: string[];
  /** Which reads work right now, confirmed by small probe calls. */
  canReadUsers: boolean;
  canReadGroupMembers: boolean;
  canReadApplications: boolean;
}

/**
 * Read side of Microsoft Graph. Every method either returns a complete page or throws a
 * `SyncError` (never an empty page in place of a failed read: that would delete memberships).
 */
export interface EntraDirectory {
  /** Proves the credentials by getting a token; throws a named token error otherwise. */
  verifyCredentials(): Promise<void>;
  checkPermissions(): Promise<PermissionReport>;
  /** `/users` with `$select` of the fields used and `$top=999`; pass the previous page's `next` to continue. */
  usersPage(next: string | null): Promise<Page<EntraUser>>;
  /**
   * `/groups/{id}/transitiveMembers` (nesting flattened by Graph): the user members, plus the ids of
   * the nested groups passed through (to know which chosen groups a change affects).
   */
  transitiveMembersPage(groupId: string, next: string | null): Promise<TransitiveMembersPage>;
  /** Groups by id; ids that do not exist are left out of the result. */
  groupsByIds(ids: string[]): Promise<EntraGroup[]>;
  /** Group picker search by display name prefix (input escaped and bounded). */
  searchGroups(query: string, limit: number): Promise<EntraGroup[]>;
}

/** An access token kept across invocations (KVS in Forge) so each run does not request a new one. */
export interface CachedToken {
  token: string;
  /** Epoch ms when the token expires (the adapter stops using it 5 minutes earlier). */
  expiresAt: number;
  /** Which cloud, tenant, app and secret the token was issued for; a token for other credentials is ignored. */
  key?: string;
}

export interface TokenCache {
  get(): Promise<CachedToken | undefined>;
  set(value: CachedToken): Promise<void>;
}

/** The app's client secret as Graph describes it (needs Application.Read.All). */
export interface SecretExpiry {
  /** ISO date-time (UTC) after which the secret stops working. */
  endDateTime: string;
  /** First three characters of the secret, as Graph returns them. */
  hint: string | null;
}

/** A page of a group's transitive members: user members, plus the ids of the nested groups passed through. */
export interface TransitiveMembersPage {
  users: EntraUser[];
  groupIds: string[];
  next: string | null;
}

/**
 * Passed as the delta link to start tracking "from now" (`$deltatoken=latest`): the answer has no
 * data, only a deltaLink.
 */
export const DELTA_LATEST = 'latest';

/**
 * One page of a users delta round. A round ends with the page that has `deltaLink` (store it for
 * the next round); until then follow `next`. Users come in full (not `Prefer: return=minimal`).
 */
export interface UsersDeltaPage {
  users: EntraUser[];
  /** Users deleted (or soft-deleted) since the link was issued. */
  removedIds: string[];
  next: string | null;
  deltaLink: string | null;
}

export interface DeltaMember {
  id: string;
  type: 'user' | 'group' | 'other';
}

/** One group as a delta page lists it; the same group may come again on later pages (merge them). */
export interface GroupDeltaEntry {
  id: string;
  /** Null on a removal entry. */
  displayName: string | null;
  /** The group was deleted. */
  removed: boolean;
  /** Direct members only; the first round lists every direct member as added. */
  membersAdded: DeltaMember[];
  membersRemoved: DeltaMember[];
}

export interface GroupsDeltaPage {
  groups: GroupDeltaEntry[];
  next: string | null;
  deltaLink: string | null;
}

/** Optional extras an EntraDirectory may offer; callers feature-test them. */
export interface EntraDirectoryExtras {
  /** Change-notification subscriptions on users and groups (near-real-time updates). */
  subscriptions?: ChangeSubscriptions;
  /** Expiry of the secret in use (matched by its hint), or null when Graph lists none that matches. */
  secretExpiry?(): Promise<SecretExpiry | null>;
  /** Users whose mail, UPN or display name starts with the query (explain a user who is in no chosen group). */
  findUsers?(query: string, limit: number): Promise<EntraUser[]>;
  /**
   * The nesting path from a chosen group down to the group that has the user as a direct member
   * (root first), or null when the user is not a member at any depth.
   */
  membershipPath?(rootGroupId: string, userId: string): Promise<EntraGroup[] | null>;
  /**
   * A users delta round: `link` null starts one from scratch (every user), `DELTA_LATEST` from now,
   * else a stored next/delta link. Throws SyncError `delta-expired` when the link is no longer valid.
   */
  usersDelta?(link: string | null): Promise<UsersDeltaPage>;
  /**
   * A groups delta round with direct membership changes; `groupIds` (1 to 50) limits tracking to
   * those groups and only counts when starting (links carry it). Throws `delta-expired` like usersDelta.
   */
  groupsDelta?(groupIds: string[] | null, link: string | null): Promise<GroupsDeltaPage>;
}
