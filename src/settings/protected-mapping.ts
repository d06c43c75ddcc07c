import type { GroupAccess } from '../ports/jira-directory';

/**
 * Why a mapping to a Jira group granting `access` is refused at save, or null when it is allowed:
 * site-admin and admin groups never; product-access groups (default access groups among them)
 * only when the admin allows them (`groups.allowProductAccessGroups`).
 */
export function protectedMappingRefusal(
  jiraGroup: string,
  access: GroupAccess,
  allowProductAccessGroups: boolean,
): string | null {
  if (access === 'site-admin' || access === 'admin')
    return `${jiraGroup} is a protected ${access} group: the app never changes it, so it cannot be a mapping target`;
  if (access === 'product' && !allowProductAccessGroups)
    return `${jiraGroup} grants product access (it may be a default access group) and is protected; allow product-access groups to map it`;
  return null;
}
