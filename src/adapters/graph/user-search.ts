import type { EntraUser } from '../../core/model';
import type { GraphClient } from './graph-client';
import type { GraphCloudEndpoints } from './graph-clouds';
import { GRAPH_PAGE_SIZE } from './graph-constants';
import { USER_SELECT, userPage } from './graph-mapping';
import { normalizeSearch, odataString, queryString } from './odata';

/** Properties Graph filters with startswith by default (no ConsistencyLevel: eventual needed, facts 2.2). */
const SEARCH_PROPERTIES = ['mail', 'userPrincipalName', 'displayName'];

export function userSearchFilter(text: string): string {
  const literal = odataString(text);
  return SEARCH_PROPERTIES.map((property) => `startswith(${property},${literal})`).join(' or ');
}

/** Users whose mail, UPN or display name starts with the query; an empty query finds no one. */
export async function findUsers(
  client: GraphClient,
  cloud: GraphCloudEndpoints,
  query: string,
  limit: number,
): Promise<EntraUser[]> {
  const text = normalizeSearch(query);
  if (!text) return [];
  const top = Math.min(GRAPH_PAGE_SIZE, Math.max(1, Math.floor(Number.isFinite(limit) ? limit : 25)));
  const purpose = { what: 'users matching the search', permission: 'User.Read.All' as const };
  const body = await client.get(
    `/users${queryString({ $filter: userSearchFilter(text), $select: USER_SELECT, $top: top })}`,
    purpose,
  );
  return userPage(body, purpose, cloud).items.slice(0, top);
}
