import type { EntraGroup } from '../../core/model';
import type { GraphClient } from './graph-client';
import { GRAPH_PAGE_SIZE } from './graph-constants';
import { GROUP_SELECT, collection, toEntraGroup } from './graph-mapping';
import { normalizeSearch, odataString, queryString } from './odata';

/** Graph accepts at most 15 values in an `in` filter without advanced queries (microsoft-graph-docs PR #22097). */
export const GROUPS_PER_ID_FILTER = 15;
/** Above this many filtered requests, groupsByIds lists all groups instead. */
export const FILTERED_REQUESTS_BEFORE_LISTING = 3;

export async function groupsByIds(client: GraphClient, ids: readonly string[]): Promise<EntraGroup[]> {
  const unique = [...new Map(ids.map((id) => [id.toLowerCase(), id])).values()];
  const found = new Map<string, { id: string; displayName: string }>();
  // Past a few filtered requests, one listing of every group (999 a page) is cheaper:
  // 500 chosen groups cost 34 filtered requests but 1 listing page per 999 groups in the tenant.
  const listAll = unique.length > GROUPS_PER_ID_FILTER * FILTERED_REQUESTS_BEFORE_LISTING;
  if (listAll) {
    const wanted = new Set(unique.map((id) => id.toLowerCase()));
    const purpose = { what: 'the group list', permission: 'GroupMember.Read.All' as const };
    let next: string | null = `/groups${queryString({ $select: GROUP_SELECT, $top: GRAPH_PAGE_SIZE })}`;
    while (next !== null) {
      const page = collection(await client.get(next, purpose), purpose);
      for (const raw of page.value) {
        const group = toEntraGroup(raw);
        if (group && wanted.has(group.id.toLowerCase())) found.set(group.id.toLowerCase(), group);
      }
      next = page.next;
    }
  }
  for (let i = 0; !listAll && i < unique.length; i += GROUPS_PER_ID_FILTER) {
    const chunk = unique.slice(i, i + GROUPS_PER_ID_FILTER);
    const filter = `id in (${chunk.map(odataString).join(',')})`;
    const purpose = { what: 'groups by id', permission: 'GroupMember.Read.All' as const };
    let next: string | null =
      `/groups${queryString({ $filter: filter, $select: GROUP_SELECT, $top: GRAPH_PAGE_SIZE })}`;
    while (next !== null) {
      const page = collection(await client.get(next, purpose), purpose);
      for (const raw of page.value) {
        const group = toEntraGroup(raw);
        if (group) found.set(group.id.toLowerCase(), group);
      }
      next = page.next;
    }
  }
  // Input order, missing ids left out.
  return unique.flatMap((id) => {
    const group = found.get(id.toLowerCase());
    return group ? [group] : [];
  });
}

export async function searchGroups(client: GraphClient, query: string, limit: number): Promise<EntraGroup[]> {
  const text = normalizeSearch(query);
  const top = Math.min(GRAPH_PAGE_SIZE, Math.max(1, Math.floor(Number.isFinite(limit) ? limit : 25)));
  const params: Record<string, string | number> = { $select: GROUP_SELECT, $top: top };
  if (text) params.$filter = `startswith(displayName,${odataString(text)})`;
  const purpose = { what: 'groups matching the search', permission: 'GroupMember.Read.All' as const };
  const page = collection(await client.get(`/groups${queryString(params)}`, purpose), purpose);
  return page.value.flatMap((raw) => toEntraGroup(raw) ?? []).slice(0, top);
}
