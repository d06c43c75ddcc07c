import type { Clock } from '../../ports/clock';
import type { EntraDirectory, EntraDirectoryExtras, SecretExpiry, TokenCache } from '../../ports/entra-directory';
import type { HttpFetch } from '../../ports/http';
import type { GraphCloud } from './graph-clouds';
import { GRAPH_CLOUDS } from './graph-clouds';
import { createGraphClient } from './graph-client';
import { GRAPH_PAGE_SIZE } from './graph-constants';
import { createDeltaReads } from './graph-delta';
import { createChangeSubscriptions } from './graph-subscriptions';
import { GROUP_SELECT, USER_SELECT, collection, membersPage, toEntraGroup, userPage } from './graph-mapping';
import { decodeJwtRoles } from './jwt-claims';
import { membershipPath } from './membership-path';
import { normalizeSearch, odataString, queryString } from './odata';
import { checkPermissions } from './permission-check';
import { createTokenClient } from './token-client';
import { findUsers } from './user-search';

export { GRAPH_PAGE_SIZE };

export interface GraphDirectoryOptions {
  fetch: HttpFetch;
  cloud: GraphCloud;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  clock: Clock;
  /** Override hosts, used by the local host and tests to point at the simulator. */
  endpoints?: { loginBaseUrl: string; graphBaseUrl: string };
  /** Epoch ms deadline for waits, see send-with-retry. */
  deadline?: () => number;
  /** Sends `x-ms-throttle-priority: low` (background runs are throttled first, sparing interactive use). */
  lowPriority?: boolean;
  /** Keeps the token across invocations. */
  tokenCache?: TokenCache;
  onCall?: (kind: 'graph' | 'token' | 'throttled') => void;
}

/** Above this many filtered requests, groupsByIds lists all groups instead. */
export const FILTERED_REQUESTS_BEFORE_LISTING = 3;
/** Graph accepts at most 15 values in an `in` filter without advanced queries (microsoft-graph-docs PR #22097). */
export const GROUPS_PER_ID_FILTER = 15;

/** The port plus every extra: this adapter offers them all. */
export type GraphDirectory = EntraDirectory & Required<EntraDirectoryExtras>;

export function createGraphDirectory(options: GraphDirectoryOptions): GraphDirectory {
  const cloud = GRAPH_CLOUDS[options.cloud];
  const loginBaseUrl = options.endpoints?.loginBaseUrl ?? cloud.loginBaseUrl;
  const graphBaseUrl = (options.endpoints?.graphBaseUrl ?? cloud.graphBaseUrl).replace(/\/+$/, '');
  const tokens = createTokenClient({
    fetch: options.fetch,
    clock: options.clock,
    loginBaseUrl,
    scope: cloud.scope,
    tenantId: options.tenantId,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    context: { tenantId: options.tenantId, clientId: options.clientId, cloud },
    deadline: options.deadline,
    tokenCache: options.tokenCache,
    onCall: options.onCall,
  });
  const client = createGraphClient({
    fetch: options.fetch,
    clock: options.clock,
    tokens,
    apiBaseUrl: `${graphBaseUrl}/v1.0`,
    cloud,
    deadline: options.deadline,
    lowPriority: options.lowPriority,
    onCall: options.onCall,
  });
  const delta = createDeltaReads(client, cloud);

  return {
    subscriptions: createChangeSubscriptions(client),

    async verifyCredentials() {
      await tokens.get();
    },

    async checkPermissions() {
      return checkPermissions(client, decodeJwtRoles(await tokens.get()), options.clientId);
    },

    async usersPage(next) {
      const purpose = { what: 'the user list', permission: 'User.Read.All' as const };
      const body = await client.get(next ?? `/users${queryString({ $select: USER_SELECT, $top: GRAPH_PAGE_SIZE })}`, purpose);
      return userPage(body, purpose, cloud, false);
    },

    async transitiveUsersPage(groupId, next) {
      const purpose = { what: `the members of group ${groupId}`, permission: 'GroupMember.Read.All' as const, groupId };
      const first = `/groups/${encodeURIComponent(groupId)}/transitiveMembers${queryString({ $select: USER_SELECT, $top: GRAPH_PAGE_SIZE })}`;
      return userPage(await client.get(next ?? first, purpose), purpose, cloud, true);
    },

    async transitiveMembersPage(groupId, next) {
      const purpose = { what: `the members of group ${groupId}`, permission: 'GroupMember.Read.All' as const, groupId };
      const first = `/groups/${encodeURIComponent(groupId)}/transitiveMembers${queryString({ $select: USER_SELECT, $top: GRAPH_PAGE_SIZE })}`;
      return membersPage(await client.get(next ?? first, purpose), purpose, cloud);
    },

    usersDelta: delta.usersDelta,
    groupsDelta: delta.groupsDelta,

    async groupsByIds(ids) {
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
        let next: string | null = `/groups${queryString({ $filter: filter, $select: GROUP_SELECT, $top: GRAPH_PAGE_SIZE })}`;
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
    },

    async searchGroups(query, limit) {
      const text = normalizeSearch(query);
      const top = Math.min(GRAPH_PAGE_SIZE, Math.max(1, Math.floor(Number.isFinite(limit) ? limit : 25)));
      const params: Record<string, string | number> = { $select: GROUP_SELECT, $top: top };
      if (text) params.$filter = `startswith(displayName,${odataString(text)})`;
      const purpose = { what: 'groups matching the search', permission: 'GroupMember.Read.All' as const };
      const page = collection(await client.get(`/groups${queryString(params)}`, purpose), purpose);
      return page.value.flatMap((raw) => toEntraGroup(raw) ?? []).slice(0, top);
    },

    findUsers: (query, limit) => findUsers(client, cloud, query, limit),

    membershipPath: (rootGroupId, userId) => membershipPath(client, rootGroupId, userId),

    async secretExpiry(): Promise<SecretExpiry | null> {
      const purpose = { what: 'the app registration', permission: 'Application.Read.All' as const };
      const body = await client.get(`/applications(appId=${encodeURIComponent(odataString(options.clientId))})?$select=id,passwordCredentials`, purpose);
      const credentials = Array.isArray(body.passwordCredentials) ? (body.passwordCredentials as Array<{ endDateTime?: unknown; hint?: unknown }>) : [];
      const hint = options.clientSecret.slice(0, 3);
      // Graph keeps the first three characters of each secret as its hint: that names the one in use.
      const match = credentials.find((c) => c.hint === hint) ?? (credentials.length === 1 ? credentials[0] : undefined);
      if (!match || typeof match.endDateTime !== 'string') return null;
      return { endDateTime: match.endDateTime, hint: typeof match.hint === 'string' ? match.hint : null };
    },
  };
}
