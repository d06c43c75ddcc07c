import { SyncError } from '../../core/errors';
import type { GroupsDeltaPage, UsersDeltaPage } from '../../ports/entra-directory';
import { DELTA_LATEST } from '../../ports/entra-directory';
import type { GraphClient } from './graph-client';
import type { GraphCloudEndpoints } from './graph-clouds';
import type { ReadPurpose } from './graph-error-mapping';
import { groupsDeltaPage, usersDeltaPage } from './delta-mapping';
import { USER_SELECT } from './graph-mapping';
import { odataString, queryString } from './odata';

/** Graph's limit on objects in a delta `$filter=id eq ... or ...` (user-delta.md, group-delta.md). */
export const MAX_DELTA_FILTER_IDS = 50;
/** `members` makes Graph report direct membership changes as `members@delta`. */
export const GROUP_DELTA_SELECT = 'id,displayName,members';

const USERS_PURPOSE: ReadPurpose = { what: 'user changes (users/delta)', permission: 'User.Read.All', delta: true };
const GROUPS_PURPOSE: ReadPurpose = {
  what: 'group changes (groups/delta)',
  permission: 'GroupMember.Read.All',
  delta: true,
};

/** True for a stored next/delta link, false when starting a round (from scratch or from now). */
function continues(link: string | null): link is string {
  return link !== null && link !== DELTA_LATEST;
}

/**
 * The first request of a round. Query options go only on this one: Graph encodes them in the
 * tokens of every later link. No `$top` (delta pages are server-sized).
 */
function firstRequest(path: string, params: Record<string, string>, link: string | null): string {
  return `${path}${queryString(link === DELTA_LATEST ? { ...params, $deltatoken: 'latest' } : params)}`;
}

/** `id eq 'a' or id eq 'b'`: the one filter delta supports, at most 50 distinct ids. */
export function deltaIdFilter(groupIds: string[]): string {
  const unique = new Map<string, string>();
  for (const id of groupIds) if (!unique.has(id.trim().toLowerCase())) unique.set(id.trim().toLowerCase(), id.trim());
  if (unique.size === 0 || unique.size > MAX_DELTA_FILTER_IDS) {
    throw new SyncError(
      'delta-filter-invalid',
      `A groups delta can track 1 to ${MAX_DELTA_FILTER_IDS} chosen groups by id; ${unique.size} were given. Track all groups instead (no id list).`,
    );
  }
  return [...unique.values()].map((id) => `id eq ${odataString(id)}`).join(' or ');
}

export function createDeltaReads(client: GraphClient, cloud: GraphCloudEndpoints) {
  return {
    async usersDelta(link: string | null): Promise<UsersDeltaPage> {
      const url = continues(link) ? link : firstRequest('/users/delta', { $select: USER_SELECT }, link);
      return usersDeltaPage(await client.get(url, USERS_PURPOSE), USERS_PURPOSE, cloud);
    },

    async groupsDelta(groupIds: string[] | null, link: string | null): Promise<GroupsDeltaPage> {
      // A stored link carries its filter; the ids only shape the first request.
      const params: Record<string, string> = { $select: GROUP_DELTA_SELECT };
      if (!continues(link) && groupIds !== null) params.$filter = deltaIdFilter(groupIds);
      const url = continues(link) ? link : firstRequest('/groups/delta', params, link);
      return groupsDeltaPage(await client.get(url, GROUPS_PURPOSE), GROUPS_PURPOSE);
    },
  };
}
