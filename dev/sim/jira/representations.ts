import type { SimJiraGroup, SimJiraUser } from './directory-state';

/**
 * JSON as Jira returns it. Profile privacy omits the email (the documented `emailAddress` is a
 * plain string, so hiding leaves the property out rather than sending null).
 */
export function userDetailsJson(user: SimJiraUser, baseUrl: string): Record<string, unknown> {
  return {
    self: `${baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: user.accountType,
    ...(user.emailHidden || !user.emailAddress ? {} : { emailAddress: user.emailAddress }),
    avatarUrls: {},
    displayName: user.displayName,
    active: user.active,
    timeZone: 'UTC',
  };
}

/** The `User` schema adds locale to UserDetails. */
export function userJson(user: SimJiraUser, baseUrl: string): Record<string, unknown> {
  return { ...userDetailsJson(user, baseUrl), locale: 'en_US' };
}

export function groupNameJson(group: SimJiraGroup, baseUrl: string): Record<string, unknown> {
  return { name: group.name, groupId: group.groupId, self: `${baseUrl}/rest/api/3/group?groupId=${group.groupId}` };
}

/** group/bulk values are GroupDetails: name and groupId only. */
export function groupDetailsJson(group: SimJiraGroup): Record<string, unknown> {
  return { name: group.name, groupId: group.groupId };
}
