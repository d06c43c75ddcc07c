import type { JiraGroup } from '../../core/model';
import type { JiraHttp } from './jira-http';
import { asRecord, toArray, toJiraGroup, toPage } from './jira-json';
import type { QueryValue } from './jira-path';
import { chunked, jiraPath } from './jira-path';

/** group/bulk's documented default page size (no maximum is documented). */
export const GROUP_BULK_PAGE = 50;

const BULK = 'GET /rest/api/3/group/bulk';
const USER_GROUPS = 'GET /rest/api/3/user/groups';

/** Group names per group/bulk call: one default page of results per call in the usual case. */
const NAMES_PER_CALL = 50;

/** The groups with these names (any case), asked for in chunks. */
export async function groupsNamed(http: JiraHttp, names: string[]): Promise<JiraGroup[]> {
  const lists = await Promise.all(chunked(names, NAMES_PER_CALL).map((chunk) => allGroups(http, { groupName: chunk })));
  return lists.flat();
}

/** Every group matching a group/bulk filter, all pages read before anything is returned. */
export async function allGroups(http: JiraHttp, filter: Record<string, QueryValue>): Promise<JiraGroup[]> {
  const groups: JiraGroup[] = [];
  for (let startAt = 0; ; ) {
    const answer = await http.send(
      'GET',
      jiraPath('/rest/api/3/group/bulk', { ...filter, startAt, maxResults: GROUP_BULK_PAGE }),
    );
    const page = toPage(answer.body, BULK, GROUP_BULK_PAGE);
    groups.push(...page.values.map((v) => toJiraGroup(v, BULK)));
    if (page.isLast) return groups;
    startAt += page.values.length;
  }
}

/** IDs of groups granting site-admin access (`site-admins` unless renamed). */
export async function siteAdminGroupIds(http: JiraHttp): Promise<Set<string>> {
  return new Set((await allGroups(http, { accessType: 'site-admin' })).map((g) => g.groupId));
}

/** IDs of the groups an account is in; null when Jira does not know the account (404). */
export async function groupIdsOf(http: JiraHttp, accountId: string): Promise<Set<string> | null> {
  const answer = await http.send('GET', jiraPath('/rest/api/3/user/groups', { accountId }), { accept: [404] });
  if (answer.status === 404) return null;
  const ids = toArray(answer.body, USER_GROUPS).map((g) => asRecord(g, USER_GROUPS).groupId);
  return new Set(ids.filter((id): id is string => typeof id === 'string'));
}

/** Site admin = in a group that group/bulk?accessType=site-admin lists. Unknown accounts are not. */
export async function isSiteAdminAccount(http: JiraHttp, accountId: string): Promise<boolean> {
  const [mine, adminGroups] = await Promise.all([groupIdsOf(http, accountId), siteAdminGroupIds(http)]);
  return mine !== null && [...mine].some((id) => adminGroups.has(id));
}
