import type { SimResponse } from '../sim-server';
import type { SimJiraUser } from './directory-state';
import { APP_SYSTEM_ACCOUNT_ID, canBrowseUsers } from './identities';
import { BROWSE_PERMISSION_REQUIRED, jiraError, queryInt, unauthorized } from './jira-error-response';
import { groupNameJson, userJson } from './representations';
import type { JiraRoute, JiraRouteContext } from './route-context';

/** `users/search` caps a page at 1000 ("limited to 1000"); default 50. */
export const USERS_SEARCH_MAX = 1000;

/**
 * GET /rest/api/3/users/search: every account (inactive and app accounts too), in a plain array.
 * A page may be shorter than asked for without being the last ("page sizes are not part of the
 * API and may change", developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#pagination):
 * only an empty page ends the list. A short-page fault shows that.
 */
export const searchAllUsers: JiraRoute = (context) => {
  const denied = requireBrowse(context);
  if (denied) return denied;
  const startAt = queryInt(context.request.query, 'startAt', 0);
  const maxResults = queryInt(context.request.query, 'maxResults', 50);
  if (startAt === null || maxResults === null)
    return jiraError(400, 'startAt and maxResults must be non-negative integers.');
  const size = Math.min(maxResults, USERS_SEARCH_MAX, context.request.pageCap ?? USERS_SEARCH_MAX);
  const page = context.state.users().slice(startAt, startAt + size);
  return { status: 200, body: page.map((u) => userJson(u, context.baseUrl)) };
};

/** GET /rest/api/3/user?accountId= */
export const getUser: JiraRoute = (context) => {
  const denied = requireBrowse(context);
  if (denied) return denied;
  const found = requireUser(context);
  return 'status' in found ? found : { status: 200, body: userJson(found, context.baseUrl) };
};

/** GET /rest/api/3/user/groups?accountId= */
export const getUserGroups: JiraRoute = (context) => {
  const denied = requireBrowse(context);
  if (denied) return denied;
  const found = requireUser(context);
  if ('status' in found) return found;
  return { status: 200, body: context.state.groupsOf(found.accountId).map((g) => groupNameJson(g, context.baseUrl)) };
};

/** GET /rest/api/3/myself: the caller; the app answers with its system account. */
export const getMyself: JiraRoute = (context) => {
  const { identity, state, baseUrl } = context;
  if (identity.kind === 'app') {
    const appUser: SimJiraUser = {
      accountId: APP_SYSTEM_ACCOUNT_ID,
      emailAddress: '',
      displayName: 'Entra Sync for Jira',
      active: true,
      accountType: 'app',
      emailHidden: true,
      products: [],
    };
    return { status: 200, body: userJson(appUser, baseUrl) };
  }
  const user = state.user(identity.accountId);
  return user ? { status: 200, body: userJson(user, baseUrl) } : unauthorized();
};

function requireBrowse(context: JiraRouteContext): SimResponse | null {
  return canBrowseUsers(context.identity, context.state) ? null : jiraError(403, BROWSE_PERMISSION_REQUIRED);
}

function requireUser(context: JiraRouteContext): SimJiraUser | SimResponse {
  const accountId = context.request.query.get('accountId');
  if (!accountId) return jiraError(400, 'The accountId query parameter needs to be provided.');
  return context.state.user(accountId) ?? jiraError(404, `User with account ID '${accountId}' does not exist.`);
}

/**
 * GET /rest/api/3/user/search?query=: active users whose display name or visible email starts with
 * the query. Without "Browse users and groups" the answer is empty, not 403 (as documented). Whether
 * Jira matches an email hidden by profile privacy is undocumented: the simulator does not.
 */
export const searchUsersByQuery: JiraRoute = (context) => {
  const query = context.request.query.get('query');
  const accountId = context.request.query.get('accountId');
  if ((query === null) === (accountId === null)) return jiraError(400, 'Provide exactly one of query or accountId.');
  if (!canBrowseUsers(context.identity, context.state)) return { status: 200, body: [] };
  const startAt = queryInt(context.request.query, 'startAt', 0);
  const maxResults = queryInt(context.request.query, 'maxResults', 50);
  if (startAt === null || maxResults === null)
    return jiraError(400, 'startAt and maxResults must be non-negative integers.');
  const q = (query ?? '').toLowerCase();
  const matches = context.state
    .users()
    .filter(
      (u) =>
        u.active &&
        (accountId !== null
          ? u.accountId === accountId
          : u.displayName.toLowerCase().startsWith(q) ||
            (!u.emailHidden && u.emailAddress.toLowerCase().startsWith(q))),
    )
    // "up to the thousandth user"
    .slice(0, 1000);
  return {
    status: 200,
    body: matches
      .slice(startAt, startAt + Math.min(maxResults, USERS_SEARCH_MAX))
      .map((u) => userJson(u, context.baseUrl)),
  };
};
