import type { EntraGroup } from '../../core/model';
import type { GraphClient } from './graph-client';
import { GRAPH_PAGE_SIZE } from './graph-constants';
import { GROUP_ODATA_TYPE, GROUP_SELECT, USER_ODATA_TYPE, collection, toEntraGroup } from './graph-mapping';
import { queryString } from './odata';

/** Bounds the walk so a huge nesting tree cannot turn one explanation into thousands of reads. */
export const MAX_PATH_GROUPS = 200;

/**
 * Breadth first over direct members from the root, so the shortest nesting chain wins. Each group
 * is read once (cycles end); after MAX_PATH_GROUPS groups the walk stops and answers null.
 */
export async function membershipPath(
  client: GraphClient,
  rootGroupId: string,
  userId: string,
): Promise<EntraGroup[] | null> {
  const wanted = userId.toLowerCase();
  const seen = new Set<string>([rootGroupId.toLowerCase()]);
  // Each queued chain ends with the group to read; the root's name is fetched only if a path is found.
  const queue: Array<{ id: string; chain: EntraGroup[] }> = [{ id: rootGroupId, chain: [] }];
  let visited = 0;
  while (queue.length > 0 && visited < MAX_PATH_GROUPS) {
    const { id, chain } = queue.shift()!;
    visited++;
    const purpose = {
      what: `the direct members of group ${id}`,
      permission: 'GroupMember.Read.All' as const,
      groupId: id,
    };
    let next: string | null =
      `/groups/${encodeURIComponent(id)}/members${queryString({ $select: GROUP_SELECT, $top: GRAPH_PAGE_SIZE })}`;
    while (next !== null) {
      const page = collection(await client.get(next, purpose), purpose);
      for (const raw of page.value) {
        if (raw['@odata.type'] === USER_ODATA_TYPE && typeof raw.id === 'string' && raw.id.toLowerCase() === wanted)
          return withRoot(client, rootGroupId, chain);
        const group = raw['@odata.type'] === GROUP_ODATA_TYPE ? toEntraGroup(raw) : undefined;
        if (!group || seen.has(group.id.toLowerCase())) continue;
        seen.add(group.id.toLowerCase());
        queue.push({ id: group.id, chain: [...chain, group] });
      }
      next = page.next;
    }
  }
  return null;
}

async function withRoot(client: GraphClient, rootGroupId: string, chain: EntraGroup[]): Promise<EntraGroup[]> {
  const purpose = { what: `group ${rootGroupId}`, permission: 'GroupMember.Read.All' as const, groupId: rootGroupId };
  const root = toEntraGroup(
    await client.get(`/groups/${encodeURIComponent(rootGroupId)}${queryString({ $select: GROUP_SELECT })}`, purpose),
  );
  return [root ?? { id: rootGroupId, displayName: '' }, ...chain];
}
