import type { EntraDirectory, EntraDirectoryExtras, SecretExpiry, TokenCache } from '../../ports/entra-directory';
import type { GraphCallOptions } from './graph-call-options';
import type { GraphCloud } from './graph-clouds';
import { GRAPH_CLOUDS } from './graph-clouds';
import type { GraphClient } from './graph-client';
import { createGraphClient } from './graph-client';
import { FILTERED_REQUESTS_BEFORE_LISTING, GROUPS_PER_ID_FILTER, groupsByIds, searchGroups } from './group-reads';
import { GRAPH_PAGE_SIZE } from './graph-constants';
import { createDeltaReads } from './graph-delta';
import { createChangeSubscriptions } from './graph-subscriptions';
import { USER_SELECT, membersPage, userPage } from './graph-mapping';
import { decodeJwtRoles } from './jwt-claims';
import { membershipPath } from './membership-path';
import { odataString, queryString } from './odata';
import { checkPermissions } from './permission-check';
import { createTokenClient } from './token-client';
import { findUsers } from './user-search';

export { FILTERED_REQUESTS_BEFORE_LISTING, GRAPH_PAGE_SIZE, GROUPS_PER_ID_FILTER };

export interface GraphDirectoryOptions extends GraphCallOptions {
  cloud: GraphCloud;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Override hosts, used by the local host and tests to point at the simulator. */
  endpoints?: { loginBaseUrl: string; graphBaseUrl: string };
  /** Sends `x-ms-throttle-priority: low` (background runs are throttled first, sparing interactive use). */
  lowPriority?: boolean;
  /** Keeps the token across invocations. */
  tokenCache?: TokenCache;
}

/** The port plus every extra: this adapter offers them all. */
export type GraphDirectory = EntraDirectory & Required<EntraDirectoryExtras>;

/** The token client and the Graph client of one directory. */
function connect(options: GraphDirectoryOptions) {
  const cloud = GRAPH_CLOUDS[options.cloud];
  const loginBaseUrl = options.endpoints?.loginBaseUrl ?? cloud.loginBaseUrl;
  const graphBaseUrl = (options.endpoints?.graphBaseUrl ?? cloud.graphBaseUrl).replace(/\/+$/, '');
  const calls: GraphCallOptions = {
    fetch: options.fetch,
    clock: options.clock,
    deadline: options.deadline,
    onCall: options.onCall,
  };
  const tokens = createTokenClient({
    ...calls,
    loginBaseUrl,
    scope: cloud.scope,
    tenantId: options.tenantId,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    context: { tenantId: options.tenantId, clientId: options.clientId, cloud },
    tokenCache: options.tokenCache,
  });
  const client = createGraphClient({
    ...calls,
    tokens,
    apiBaseUrl: `${graphBaseUrl}/v1.0`,
    cloud,
    lowPriority: options.lowPriority,
  });
  return { cloud, tokens, client };
}

export function createGraphDirectory(options: GraphDirectoryOptions): GraphDirectory {
  const { cloud, tokens, client } = connect(options);
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
      const body = await client.get(
        next ?? `/users${queryString({ $select: USER_SELECT, $top: GRAPH_PAGE_SIZE })}`,
        purpose,
      );
      return userPage(body, purpose, cloud);
    },

    async transitiveMembersPage(groupId, next) {
      const purpose = { what: `the members of group ${groupId}`, permission: 'GroupMember.Read.All' as const, groupId };
      const first = `/groups/${encodeURIComponent(groupId)}/transitiveMembers${queryString({ $select: USER_SELECT, $top: GRAPH_PAGE_SIZE })}`;
      return membersPage(await client.get(next ?? first, purpose), purpose, cloud);
    },

    usersDelta: delta.usersDelta,
    groupsDelta: delta.groupsDelta,

    groupsByIds: (ids) => groupsByIds(client, ids),

    searchGroups: (query, limit) => searchGroups(client, query, limit),

    findUsers: (query, limit) => findUsers(client, cloud, query, limit),

    membershipPath: (rootGroupId, userId) => membershipPath(client, rootGroupId, userId),

    secretExpiry: () => readSecretExpiry(client, options.clientId, options.clientSecret),
  };
}

/** When the client secret in use expires (Graph keeps each secret's first three characters as its hint). */
async function readSecretExpiry(
  client: GraphClient,
  clientId: string,
  clientSecret: string,
): Promise<SecretExpiry | null> {
  const purpose = { what: 'the app registration', permission: 'Application.Read.All' as const };
  const body = await client.get(
    `/applications(appId=${encodeURIComponent(odataString(clientId))})?$select=id,passwordCredentials`,
    purpose,
  );
  const credentials = Array.isArray(body.passwordCredentials)
    ? (body.passwordCredentials as Array<{ endDateTime?: unknown; hint?: unknown }>)
    : [];
  const hint = clientSecret.slice(0, 3);
  // Graph keeps the first three characters of each secret as its hint: that names the one in use.
  const match = credentials.find((c) => c.hint === hint) ?? (credentials.length === 1 ? credentials[0] : undefined);
  if (!match || typeof match.endDateTime !== 'string') return null;
  return { endDateTime: match.endDateTime, hint: typeof match.hint === 'string' ? match.hint : null };
}
