import { SyncError } from '../../core/errors';
import type { EntraGroup, EntraUser } from '../../core/model';
import type { Page, TransitiveMembersPage } from '../../ports/entra-directory';
import type { GraphCloudEndpoints } from './graph-clouds';
import type { ReadPurpose } from './graph-error-mapping';
import { permissionMissing } from './graph-error-mapping';

export const USER_SELECT = 'id,userPrincipalName,mail,displayName,accountEnabled,userType';
export const GROUP_SELECT = 'id,displayName';
export const USER_ODATA_TYPE = '#microsoft.graph.user';
export const GROUP_ODATA_TYPE = '#microsoft.graph.group';

type Json = Record<string, unknown>;

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The `value` array and nextLink of a collection response; a body without `value` is an error, not an empty page. */
export function collection(body: Json, purpose: ReadPurpose): { value: Json[]; next: string | null } {
  if (!Array.isArray(body.value))
    throw new SyncError('graph-bad-response', `Microsoft Graph's answer for ${purpose.what} has no "value" list.`, {
      retryable: true,
    });
  const next = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : null;
  return { value: body.value.filter((v): v is Json => v !== null && typeof v === 'object'), next };
}

/**
 * A Graph user as an EntraUser. Every Entra user has a UPN, so a user without one is the
 * limited-information answer Graph gives when User.Read.All is missing: fail loudly instead of
 * syncing users with no identifiers.
 */
export function toEntraUser(raw: Json, purpose: ReadPurpose, cloud: GraphCloudEndpoints): EntraUser {
  const id = stringOrNull(raw.id);
  const upn = stringOrNull(raw.userPrincipalName);
  if (!id)
    throw new SyncError(
      'graph-bad-response',
      `Microsoft Graph returned a user without an id while reading ${purpose.what}.`,
      { retryable: true },
    );
  if (!upn) {
    throw permissionMissing(
      { ...purpose, permission: 'User.Read.All' },
      cloud,
      `Microsoft Graph returned users without their properties (only ids) while reading ${purpose.what}, which is what it does when the app may read group memberships but not user profiles.`,
    );
  }
  return {
    id,
    userPrincipalName: upn,
    mail: stringOrNull(raw.mail),
    displayName: typeof raw.displayName === 'string' ? raw.displayName : '',
    // A null flag keeps the user: wrongly removing memberships is the costlier mistake.
    accountEnabled: raw.accountEnabled !== false,
    userType: typeof raw.userType === 'string' ? raw.userType : 'Member',
  };
}

export function toEntraGroup(raw: Json): EntraGroup | undefined {
  const id = stringOrNull(raw.id);
  if (!id) return undefined;
  return { id, displayName: typeof raw.displayName === 'string' ? raw.displayName : '' };
}

/** A page of `/users` (every entry a user). */
export function userPage(body: Json, purpose: ReadPurpose, cloud: GraphCloudEndpoints): Page<EntraUser> {
  const { value, next } = collection(body, purpose);
  return { items: value.map((raw) => toEntraUser(raw, purpose, cloud)), next };
}

/** transitiveMembers split into users and the nested groups passed through (devices, contacts and others dropped). */
export function membersPage(body: Json, purpose: ReadPurpose, cloud: GraphCloudEndpoints): TransitiveMembersPage {
  const { value, next } = collection(body, purpose);
  const users = value
    .filter((v) => v['@odata.type'] === USER_ODATA_TYPE)
    .map((raw) => toEntraUser(raw, purpose, cloud));
  const groupIds = value.flatMap((v) => (v['@odata.type'] === GROUP_ODATA_TYPE ? (toEntraGroup(v)?.id ?? []) : []));
  return { users, groupIds, next };
}
