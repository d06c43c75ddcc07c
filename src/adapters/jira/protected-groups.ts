import { SyncError } from '../../core/errors';
import type { JiraHttp } from './jira-http';
import type { GroupAccess } from '../../ports/jira-directory';
import { allGroups } from './group-queries';

/**
 * Groups the app never changes: site-admin and admin access groups, and groups granting product
 * access. group/bulk has no "default group" flag; its `accessType=user` filter lists the groups
 * that grant product (user) access, which includes every default access group, so those are
 * protected too (a superset of the defaults: adding someone there would take a licence seat).
 */
export const PROTECTED_ACCESS_TYPES = ['site-admin', 'admin', 'user'] as const;

/** groupId → the strongest access the group grants (site-admin over admin over product). */
export async function groupAccess(http: JiraHttp): Promise<Map<string, Exclude<GroupAccess, null>>> {
  const lists = await Promise.all(PROTECTED_ACCESS_TYPES.map((accessType) => allGroups(http, { accessType })));
  const access = new Map<string, Exclude<GroupAccess, null>>();
  PROTECTED_ACCESS_TYPES.forEach((accessType, i) => {
    for (const group of lists[i] ?? [])
      if (!access.has(group.groupId)) access.set(group.groupId, accessType === 'user' ? 'product' : accessType);
  });
  // Every Jira site has a site-admin group: an answer without one is not an answer to trust.
  if ((lists[0] ?? []).length === 0) {
    throw new SyncError(
      'protected-groups-unknown',
      'Jira listed no group with site-admin access, so the app cannot tell which groups are protected. Nothing was changed; try again, and check that the app can read groups.',
    );
  }
  return access;
}
