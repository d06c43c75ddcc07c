import type { JiraHttp } from './jira-http';
import { allGroups } from './group-queries';

/**
 * Groups the app never changes: site-admin and admin access groups, and groups granting product
 * access. group/bulk has no "default group" flag; its `accessType=user` filter lists the groups
 * that grant product (user) access, which includes every default access group, so those are
 * protected too (a superset of the defaults: adding someone there would take a licence seat).
 */
export const PROTECTED_ACCESS_TYPES = ['site-admin', 'admin', 'user'] as const;

export async function protectedGroupIds(http: JiraHttp): Promise<Set<string>> {
  const lists = await Promise.all(PROTECTED_ACCESS_TYPES.map((accessType) => allGroups(http, { accessType })));
  return new Set(lists.flat().map((g) => g.groupId));
}
