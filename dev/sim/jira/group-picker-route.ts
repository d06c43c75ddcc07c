import type { SimJiraGroup } from './directory-state';
import { canBrowseUsers } from './identities';
import { jiraError, queryInt } from './jira-error-response';
import type { JiraRoute } from './route-context';

/**
 * groups/picker's cap, the site property `jira.ajax.autocomplete.limit` (20 by default; the
 * document's example header reads "Showing 20 of 25 matching groups"). It is also the default,
 * as the document gives maxResults none of its own.
 */
export const GROUP_PICKER_LIMIT = 20;

/**
 * GET /rest/api/3/groups/picker: groups whose name contains `query` (all groups for an empty
 * query), sorted by name, `exclude`/`excludeId` left out. `caseInsensitive` defaults to false, so
 * matching is case-sensitive unless asked. Without Browse users and groups only an exact name
 * matches, as the description says. Labels mark admin groups (ADMIN) and product-access groups
 * (SINGLE); their text and title are the simulator's wording.
 */
export const findGroups: JiraRoute = ({ request, identity, state }) => {
  const { query: params } = request;
  const query = params.get('query') ?? '';
  const caseInsensitive = params.get('caseInsensitive') === 'true';
  const maxResults = queryInt(params, 'maxResults', GROUP_PICKER_LIMIT);
  if (maxResults === null) return jiraError(400, 'maxResults must be a non-negative integer.');
  const excludeNames = params.getAll('exclude');
  const excludeIds = params.getAll('excludeId');
  if (excludeNames.length > 0 && excludeIds.length > 0)
    return jiraError(400, 'exclude and excludeId cannot be used together.');

  const fold = (s: string): string => (caseInsensitive ? s.toLowerCase() : s);
  const exactOnly = !canBrowseUsers(identity, state);
  const matches = (g: SimJiraGroup): boolean =>
    exactOnly ? fold(g.name) === fold(query) : fold(g.name).includes(fold(query));
  const excluded = (g: SimJiraGroup): boolean =>
    excludeIds.includes(g.groupId) || excludeNames.some((n) => n.toLowerCase() === g.name.toLowerCase());
  const found = state
    .groups()
    .filter((g) => matches(g) && !excluded(g))
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.name.localeCompare(b.name));
  const shown = found.slice(0, Math.min(maxResults, GROUP_PICKER_LIMIT));
  return {
    status: 200,
    body: {
      header: `Showing ${shown.length} of ${found.length} matching groups`,
      total: found.length,
      groups: shown.map((g) => ({
        name: g.name,
        html: highlighted(g.name, query, caseInsensitive),
        groupId: g.groupId,
        labels: labelsOf(g),
      })),
    },
  };
};

/** The name, HTML-escaped, with the first match of the query in bold. */
function highlighted(name: string, query: string, caseInsensitive: boolean): string {
  const at =
    query === '' ? -1 : caseInsensitive ? name.toLowerCase().indexOf(query.toLowerCase()) : name.indexOf(query);
  if (at < 0) return escapeHtml(name);
  const end = at + query.length;
  return `${escapeHtml(name.slice(0, at))}<b>${escapeHtml(name.slice(at, end))}</b>${escapeHtml(name.slice(end))}`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function labelsOf(group: SimJiraGroup): Array<{ text: string; title: string; type: 'ADMIN' | 'SINGLE' }> {
  if (group.accessType === 'site-admin' || group.accessType === 'admin')
    return [{ text: 'Admin', title: 'Users added to this group will be given administrative access.', type: 'ADMIN' }];
  if (group.accessType === 'user')
    return [{ text: 'Jira', title: 'Users added to this group will be given access to Jira.', type: 'SINGLE' }];
  return [];
}
