import { isSyncError } from '../../core/errors';
import type { GraphPermission, PermissionReport } from '../../ports/entra-directory';
import type { GraphClient } from './graph-client';
import type { ReadPurpose } from './graph-error-mapping';
import { odataString } from './odata';

/** True when the probe read works, false when Graph says the permission is missing (or the object is not visible). */
async function probe(
  client: GraphClient,
  path: string,
  purpose: ReadPurpose,
  notFoundMeansDenied = false,
): Promise<{ ok: boolean; body?: Record<string, unknown> }> {
  try {
    return { ok: true, body: await client.get(path, purpose) };
  } catch (error) {
    if (isSyncError(error) && error.code === 'graph-permission-missing') return { ok: false };
    if (notFoundMeansDenied && isSyncError(error) && error.code === 'graph-not-found') return { ok: false };
    throw error;
  }
}

/**
 * Granted permissions: the token's `roles` claim is only a hint (facts 1.4), so each capability is
 * confirmed with the cheapest read that needs it. A capability the probe confirms is reported
 * under the least-privileged permission unless Directory.Read.All already explains it.
 */
export async function checkPermissions(
  client: GraphClient,
  tokenRoles: string[],
  clientId: string,
): Promise<PermissionReport> {
  const users = await probe(client, '/users?$top=1&$select=id', { what: 'users', permission: 'User.Read.All' });
  const groups = await probe(client, '/groups?$top=1&$select=id', {
    what: 'groups',
    permission: 'GroupMember.Read.All',
  });
  let canReadGroupMembers = groups.ok;
  const firstGroup = Array.isArray(groups.body?.value)
    ? (groups.body.value[0] as { id?: unknown } | undefined)
    : undefined;
  if (groups.ok && typeof firstGroup?.id === 'string') {
    const members = await probe(
      client,
      `/groups/${encodeURIComponent(firstGroup.id)}/transitiveMembers?$top=1&$select=id`,
      {
        what: `the members of group ${firstGroup.id}`,
        permission: 'GroupMember.Read.All',
        groupId: firstGroup.id,
      },
    );
    canReadGroupMembers = members.ok;
  }
  // A 404 means the registration lives in another tenant: its expiry cannot be read here either.
  const applications = await probe(
    client,
    `/applications(appId=${encodeURIComponent(odataString(clientId))})?$select=id`,
    { what: 'the app registration', permission: 'Application.Read.All' },
    true,
  );

  const directory = tokenRoles.includes('Directory.Read.All') && users.ok && canReadGroupMembers;
  const granted: GraphPermission[] = [];
  if (directory) granted.push('Directory.Read.All');
  if (users.ok && (tokenRoles.includes('User.Read.All') || !directory)) granted.push('User.Read.All');
  if (canReadGroupMembers && (tokenRoles.includes('GroupMember.Read.All') || !directory))
    granted.push('GroupMember.Read.All');
  if (applications.ok && (tokenRoles.includes('Application.Read.All') || !directory))
    granted.push('Application.Read.All');
  return { granted, tokenRoles, canReadUsers: users.ok, canReadGroupMembers, canReadApplications: applications.ok };
}
