import { createUser } from './account-routes';
import { getEmailsInBulk } from './email-routes';
import { findGroups } from './group-picker-route';
import { bulkGetGroups, createGroup } from './group-routes';
import { addUserToGroup, getGroupMembers, removeUserFromGroup } from './member-routes';
import { getMyPermissions } from './permission-routes';
import type { JiraRoute } from './route-context';
import { getServerInfo } from './server-info-route';
import { getMyself, getUser, getUserGroups, searchAllUsers, searchUsersByQuery } from './user-routes';

/** Every route the simulator serves, keyed `METHOD path`. */
export const JIRA_ROUTES: Record<string, JiraRoute> = {
  'GET /rest/api/3/serverInfo': getServerInfo,
  'GET /rest/api/3/users/search': searchAllUsers,
  'GET /rest/api/3/user': getUser,
  'GET /rest/api/3/user/search': searchUsersByQuery,
  'GET /rest/api/3/user/groups': getUserGroups,
  'GET /rest/api/3/user/email/bulk': getEmailsInBulk,
  'GET /rest/api/3/myself': getMyself,
  'GET /rest/api/3/mypermissions': getMyPermissions,
  'POST /rest/api/3/user': createUser,
  'GET /rest/api/3/group/bulk': bulkGetGroups,
  'GET /rest/api/3/groups/picker': findGroups,
  'GET /rest/api/3/group/member': getGroupMembers,
  'POST /rest/api/3/group': createGroup,
  'POST /rest/api/3/group/user': addUserToGroup,
  'DELETE /rest/api/3/group/user': removeUserFromGroup,
};
