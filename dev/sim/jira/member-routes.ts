import type { SimResponse } from '../sim-server';
import type { JiraDirectoryState, SimJiraGroup } from './directory-state';
import { canAdministerJira, canBrowseUsers, isSiteAdmin } from './identities';
import { NO_RELEVANT_PERMISSION, USER_OR_GROUP_MISSING, jiraError, queryInt } from './jira-error-response';
import { orderedMembers } from './member-order';
import { groupNameJson, userDetailsJson } from './representations';
import type { JiraRoute } from './route-context';

/** group/member: "number should be between 1 and 50". */
export const GROUP_MEMBER_MAX = 50;

/**
 * GET /rest/api/3/group/member. maxResults above 50 is capped to 50 rather than refused: Jira's
 * pagination rule is that a smaller returned maxResults is the maximum, and clients that ask for
 * more still page correctly. 0 or a non-number is a 400. Members come in orderedMembers' order.
 */
export const getGroupMembers: JiraRoute = ({ request, identity, state, baseUrl }) => {
  if (!canBrowseUsers(identity, state) && !canAdministerJira(identity, state))
    return jiraError(403, 'You do not have the permission to view group members.');
  const { query } = request;
  const group = groupFromQuery(query, state);
  if ('status' in group) return group;
  const startAt = queryInt(query, 'startAt', 0);
  const maxResults = queryInt(query, 'maxResults', GROUP_MEMBER_MAX);
  if (startAt === null || maxResults === null || maxResults < 1)
    return jiraError(400, 'maxResults must be between 1 and 50 and startAt must not be negative.');
  const includeInactive = query.get('includeInactiveUsers') === 'true';
  const members = orderedMembers(group, state).filter((user) => includeInactive || user.active);
  const pageSize = Math.min(maxResults, GROUP_MEMBER_MAX, request.pageCap ?? GROUP_MEMBER_MAX);
  const values = members.slice(startAt, startAt + pageSize);
  const isLast = startAt + values.length >= members.length;
  const pageUrl = (at: number): string =>
    `${baseUrl}/rest/api/3/group/member?groupId=${group.groupId}&includeInactiveUsers=${includeInactive}&startAt=${at}&maxResults=${pageSize}`;
  return {
    status: 200,
    body: {
      self: pageUrl(startAt),
      ...(isLast ? {} : { nextPage: pageUrl(startAt + pageSize) }),
      maxResults: pageSize,
      startAt,
      total: members.length,
      isLast,
      values: values.map((u) => userDetailsJson(u, baseUrl)),
    },
  };
};

/**
 * POST /rest/api/3/group/user {accountId}. Adding an existing member answers 201 like a fresh
 * add: Jira documents no "already a member" error and jira-api.md §4 treats a repeat as harmless.
 */
export const addUserToGroup: JiraRoute = ({ request, identity, state, baseUrl }) => {
  if (!isSiteAdmin(identity, state)) return jiraError(403, NO_RELEVANT_PERMISSION);
  const group = groupFromQuery(request.query, state);
  if ('status' in group) return group;
  const accountId = (request.body as { accountId?: unknown } | undefined)?.accountId;
  if (typeof accountId !== 'string' || accountId === '') return jiraError(400, 'accountId is missing.');
  if (!state.user(accountId)) return jiraError(404, USER_OR_GROUP_MISSING);
  group.members.add(accountId);
  return { status: 201, body: groupNameJson(group, baseUrl) };
};

/**
 * DELETE /rest/api/3/group/user?groupId&accountId. An unknown group or account is a 404 with
 * Jira's usual message. Removing an existing account that is not a member is a 400 "...since user
 * is not a member..." as reported from live sites (Atlassian documents only 400 for missing
 * parameters and 404), so a client that treats any 400 as a failure is caught here (README, Known limits).
 */
export const removeUserFromGroup: JiraRoute = ({ request, identity, state }) => {
  if (!isSiteAdmin(identity, state)) return jiraError(403, NO_RELEVANT_PERMISSION);
  const group = groupFromQuery(request.query, state);
  if ('status' in group) return group;
  const accountId = request.query.get('accountId');
  if (!accountId) return jiraError(400, 'accountId is missing.');
  if (!state.user(accountId)) return jiraError(404, USER_OR_GROUP_MISSING);
  if (!group.members.has(accountId))
    return jiraError(
      400,
      `Cannot remove user '${accountId}' from group '${group.name}' since user is not a member of '${group.name}'`,
    );
  group.members.delete(accountId);
  return { status: 200 };
};

/** groupId or groupname (not both), as every group endpoint takes them. */
function groupFromQuery(query: URLSearchParams, state: JiraDirectoryState): SimJiraGroup | SimResponse {
  const groupId = query.get('groupId');
  const groupName = query.get('groupname');
  if (groupId && groupName) return jiraError(400, 'groupId and groupname cannot be used together.');
  if (!groupId && !groupName) return jiraError(400, 'groupId or groupname must be provided.');
  const group = groupId ? state.groupById(groupId) : state.groupByName(groupName ?? '');
  return group ?? jiraError(404, USER_OR_GROUP_MISSING);
}
