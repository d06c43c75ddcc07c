import type { JiraGroup } from '../../core/model';
import type { JiraHttp } from './jira-http';
import { asRecord, toArray, toJiraGroup } from './jira-json';
import { jiraPath } from './jira-path';

const PICKER = 'GET /rest/api/3/groups/picker';

/**
 * Groups whose name contains `query`, sorted by Jira. Jira caps the answer at the site's
 * `jira.ajax.autocomplete.limit` whatever `maxResults` asks, so fewer may come back while
 * more match; the picker is for suggestions, not for listing every group.
 */
export async function findGroups(http: JiraHttp, query: string, maxResults: number): Promise<JiraGroup[]> {
  const answer = await http.send(
    'GET',
    jiraPath('/rest/api/3/groups/picker', { query, maxResults, caseInsensitive: true }),
  );
  return toArray(asRecord(answer.body, PICKER).groups, PICKER)
    .map((g) => toJiraGroup(g, PICKER))
    .slice(0, maxResults);
}
