import type { SimJiraGroup } from './directory-state';
import { canBrowseUsers, isSiteAdmin } from './identities';
import { BROWSE_PERMISSION_REQUIRED, NO_RELEVANT_PERMISSION, jiraError, queryInt } from './jira-error-response';
import { groupDetailsJson, groupNameJson } from './representations';
import type { JiraRoute } from './route-context';

/** group/bulk documents a default of 50 and no maximum; the simulator caps at the default. */
export const GROUP_BULK_MAX = 50;

const ACCESS_TYPES = ['site-admin', 'admin', 'user'];
const APPLICATION_KEYS = ['jira-servicedesk', 'jira-software', 'jira-product-discovery', 'jira-core'];

/**
 * GET /rest/api/3/group/bulk with the groupId[], groupName[], accessType and applicationKey
 * filters. Scenario groups carry no product, so a product-access group (accessType `user`,
 * including `defaultAccess` groups) matches every valid applicationKey, and applicationKey alone
 * narrows the result to product-access groups.
 */
export const bulkGetGroups: JiraRoute = ({ request, identity, state }) => {
  if (!canBrowseUsers(identity, state)) return jiraError(403, BROWSE_PERMISSION_REQUIRED);
  const { query } = request;
  const startAt = queryInt(query, 'startAt', 0);
  const maxResults = queryInt(query, 'maxResults', GROUP_BULK_MAX);
  if (startAt === null || maxResults === null)
    return jiraError(400, 'startAt and maxResults must be non-negative integers.');
  const accessType = query.get('accessType');
  if (accessType !== null && !ACCESS_TYPES.includes(accessType))
    return jiraError(400, `Invalid accessType: ${accessType}. Valid values: ${ACCESS_TYPES.join(', ')}.`);
  const applicationKey = query.get('applicationKey');
  if (applicationKey !== null && !APPLICATION_KEYS.includes(applicationKey))
    return jiraError(400, `Invalid applicationKey: ${applicationKey}.`);

  const ids = query.getAll('groupId');
  const names = query.getAll('groupName').map((n) => n.toLowerCase());
  const matches = (group: SimJiraGroup): boolean =>
    (ids.length === 0 || ids.includes(group.groupId)) &&
    (names.length === 0 || names.includes(group.name.toLowerCase())) &&
    (accessType === null || group.accessType === accessType) &&
    (applicationKey === null || group.accessType === 'user');
  const found = state.groups().filter(matches);
  const pageSize = Math.min(Math.max(maxResults, 1), GROUP_BULK_MAX, request.pageCap ?? GROUP_BULK_MAX);
  const values = found.slice(startAt, startAt + pageSize);
  return {
    status: 200,
    body: {
      maxResults: pageSize,
      startAt,
      total: found.length,
      isLast: startAt + values.length >= found.length,
      values: values.map(groupDetailsJson),
    },
  };
};

/**
 * Jira Cloud group names: at most 255 characters (the user directory's name column, as for every
 * other Jira name field of 255 in the platform OpenAPI document). Atlassian documents no limit for
 * POST /rest/api/3/group beyond "400 if group name is not specified or the group name is in use";
 * the simulator refuses longer names with a 400 ErrorCollection, the strict reading (README,
 * Known limits: the exact message is unconfirmed).
 */
export const GROUP_NAME_MAX = 255;

/** POST /rest/api/3/group {name}: site admins only; a name in use (case-insensitive) is a 400. */
export const createGroup: JiraRoute = ({ request, identity, state, baseUrl }) => {
  if (!isSiteAdmin(identity, state)) return jiraError(403, NO_RELEVANT_PERMISSION);
  const name = (request.body as { name?: unknown } | undefined)?.name;
  if (typeof name !== 'string' || name.trim() === '') return jiraError(400, 'You must specify a group name.');
  if ([...name].length > GROUP_NAME_MAX)
    return jiraError(400, `The group name must not be longer than ${GROUP_NAME_MAX} characters.`);
  if (state.groupByName(name)) return jiraError(400, `Group name '${name}' is in use.`);
  const group = state.createGroup(name);
  return { status: 201, body: { ...groupNameJson(group, baseUrl), expand: 'users' } };
};
