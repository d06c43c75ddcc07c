import type { JiraGroup, JiraUser } from '../../core/model';
import type { Clock } from '../../ports/clock';
import type { HttpFetch } from '../../ports/http';
import type { JiraDirectory, JiraGroupDetails } from '../../ports/jira-directory';
import { memoizeAccessGroupQueries } from './access-group-memo';
import { createAccount } from './account-creation';
import { createConcurrencyLimit } from './concurrency-limit';
import { groupIdsOf, groupsNamed } from './group-queries';
import { findGroups } from './group-search';
import { groupWrites } from './group-writes';
import type { JiraCallKind, JiraHttp } from './jira-http';
import { createJiraHttp } from './jira-http';
import { asRecord, toArray, toJiraUser, toPage } from './jira-json';
import { chunked, jiraPath } from './jira-path';
import { groupAccess } from './protected-groups';
import { wellKnownAccess } from '../../core/protected-names';
import { checkWriteIdentity } from './write-identity-health';
import type { JiraWriteIdentity } from './write-identity';

export interface JiraDirectoryOptions {
  /** The reading identity (the app, or the exempt API token); takes site-relative paths such as /rest/api/3/users/search. */
  read: HttpFetch;
  /** The app's own identity, for the email API only apps may call; when given, `read` is the write identity's API token. */
  appRead?: HttpFetch;
  /** The write identity: an impersonated site admin or the service account's API token. */
  write: HttpFetch;
  writeIdentity: JiraWriteIdentity;
  clock: Clock;
  /** Epoch ms after which no retry wait is started in this invocation. */
  deadline?: () => number;
  /** Requests in flight at once across both identities; default 4. */
  maxInFlight?: number;
  onCall?: (kind: JiraCallKind) => void;
}

/** users/search: "maxResults … (limited to 1000)". */
export const USERS_PAGE = 1000;
/** group/member: "number should be between 1 and 50". */
export const MEMBERS_PAGE = 50;
/**
 * Account IDs per email/bulk call. The maximum is undocumented; 100 IDs of up to ~40 characters
 * keep the query near 5 KB, well under the 8 KB URL limit common to proxies and gateways.
 */
export const EMAILS_PER_CALL = 100;
/** The reading, writing and app-only channels, sharing one limit on requests in flight. */
function channels(options: JiraDirectoryOptions): { read: JiraHttp; write: JiraHttp; appRead: JiraHttp } {
  const limit = createConcurrencyLimit(options.maxInFlight ?? 4);
  const shared = { clock: options.clock, limit, deadline: options.deadline, onCall: options.onCall };
  const readsAsToken = options.appRead !== undefined && options.writeIdentity.mode === 'apiToken';
  const read = memoizeAccessGroupQueries(
    createJiraHttp({
      ...shared,
      fetch: options.read,
      channel: 'read',
      ...(readsAsToken ? { writeIdentity: options.writeIdentity } : {}),
    }),
  );
  const write = createJiraHttp({
    ...shared,
    fetch: options.write,
    channel: 'write',
    writeIdentity: options.writeIdentity,
  });
  const appRead = options.appRead ? createJiraHttp({ ...shared, fetch: options.appRead, channel: 'read' }) : read;
  return { read, write, appRead };
}

export function createJiraDirectory(options: JiraDirectoryOptions): JiraDirectory {
  const { read, write, appRead } = channels(options);
  return {
    ...userReads(read, appRead),
    ...groupReads(read),
    ...groupWrites(write, read),
    createUser: (email, products) => createAccount(write, options.writeIdentity, email, products),
    writeIdentityHealth: () => checkWriteIdentity(options.writeIdentity, read, write),
  };
}

type UserReads = 'usersPage' | 'emailsOf' | 'accountsByEmail' | 'accountsByDisplayName' | 'groupIdsOfAccount';

function userReads(read: JiraHttp, appRead: JiraHttp): Pick<JiraDirectory, UserReads> {
  async function searchUsers(query: string): Promise<JiraUser[]> {
    const where = 'GET /rest/api/3/user/search';
    const answer = await read.send('GET', jiraPath('/rest/api/3/user/search', { query, maxResults: 50 }));
    return toArray(answer.body, where).map((u) => toJiraUser(u, where));
  }

  return {
    async usersPage(startAt) {
      const where = 'GET /rest/api/3/users/search';
      const answer = await read.send('GET', jiraPath('/rest/api/3/users/search', { startAt, maxResults: USERS_PAGE }));
      const users = toArray(answer.body, where).map((u) => toJiraUser(u, where));
      // A plain array whose page size Atlassian may change at will: only an empty page is the last.
      return { users, next: users.length === 0 ? null : startAt + users.length };
    },

    emailsOf: (accountIds) => emailsOf(appRead, accountIds),

    async accountsByEmail(email) {
      const wanted = email.toLowerCase();
      return (await searchUsers(email)).filter((u) => u.emailAddress?.toLowerCase() === wanted);
    },

    async accountsByDisplayName(displayName) {
      const wanted = displayName.toLowerCase();
      return (await searchUsers(displayName)).filter((u) => u.displayName.toLowerCase() === wanted);
    },

    async groupIdsOfAccount(accountId) {
      const ids = await groupIdsOf(read, accountId);
      return ids === null ? null : [...ids];
    },
  };
}

/** Emails of accounts through the email API (only apps may call it), in chunks of EMAILS_PER_CALL. */
async function emailsOf(appRead: JiraHttp, accountIds: string[]): Promise<Map<string, string>> {
  const where = 'GET /rest/api/3/user/email/bulk';
  const unique = [...new Set(accountIds)];
  const answers = await Promise.all(
    chunked(unique, EMAILS_PER_CALL).map((chunk) =>
      appRead.send('GET', jiraPath('/rest/api/3/user/email/bulk', { accountId: chunk })),
    ),
  );
  const emails = new Map<string, string>();
  for (const answer of answers) {
    // The live API answers a list; the OpenAPI document declares one object. Accept both.
    const entries = Array.isArray(answer.body) ? answer.body : [answer.body];
    for (const entry of entries) {
      const { accountId, email } = asRecord(entry, where);
      if (typeof accountId === 'string' && typeof email === 'string' && email !== '') emails.set(accountId, email);
    }
  }
  return emails;
}

function groupReads(read: JiraHttp): Pick<JiraDirectory, 'groupsByName' | 'searchGroups' | 'groupMembersPage'> {
  async function withProtection(found: Promise<JiraGroup[]>): Promise<JiraGroupDetails[]> {
    const [groups, access] = await Promise.all([found, groupAccess(read)]);
    // The lookup by access first; the standard names protect whatever it missed.
    return groups.map((g): JiraGroupDetails => {
      const granted = access.get(g.groupId) ?? wellKnownAccess(g.name);
      return { ...g, protected: granted !== null, access: granted };
    });
  }

  return {
    async groupsByName(names) {
      const unique = [...new Set(names)];
      if (unique.length === 0) return [];
      return withProtection(groupsNamed(read, unique));
    },

    async searchGroups(query, limit) {
      const wanted = Math.floor(limit);
      // Nothing asked for, nothing fetched: not even the protected-group lookups.
      return wanted >= 1 ? withProtection(findGroups(read, query, wanted)) : [];
    },

    async groupMembersPage(groupId, startAt) {
      const where = 'GET /rest/api/3/group/member';
      const answer = await read.send(
        'GET',
        jiraPath('/rest/api/3/group/member', {
          groupId,
          startAt,
          maxResults: MEMBERS_PAGE,
          includeInactiveUsers: true,
        }),
      );
      const page = toPage(answer.body, where, MEMBERS_PAGE);
      const members: JiraUser[] = page.values.map((u) => toJiraUser(u, where));
      return { members, next: page.isLast ? null : startAt + members.length };
    },
  };
}
