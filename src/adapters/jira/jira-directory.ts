import type { ErrorCode } from '../../core/errors';
import { SyncError } from '../../core/errors';
import type { JiraGroup, JiraUser } from '../../core/model';
import type { Clock } from '../../ports/clock';
import type { HttpFetch } from '../../ports/http';
import type { JiraDirectory, JiraGroupDetails } from '../../ports/jira-directory';
import { memoizeAccessGroupQueries } from './access-group-memo';
import { createAccount } from './account-creation';
import { createConcurrencyLimit } from './concurrency-limit';
import { allGroups, groupIdsOf } from './group-queries';
import { findGroups } from './group-search';
import type { JiraCallKind } from './jira-http';
import { createJiraHttp } from './jira-http';
import { asRecord, toArray, toJiraGroup, toJiraUser, toPage } from './jira-json';
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
/** Group names per group/bulk call: one default page of results per call in the usual case. */
const NAMES_PER_CALL = 50;

// Over the 60-line limit; left for its own change (issue 16 follow-up), not to be copied.
// eslint-disable-next-line max-lines-per-function
export function createJiraDirectory(options: JiraDirectoryOptions): JiraDirectory {
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

  async function groupsNamed(names: string[]): Promise<JiraGroup[]> {
    const lists = await Promise.all(
      chunked(names, NAMES_PER_CALL).map((chunk) => allGroups(read, { groupName: chunk })),
    );
    return lists.flat();
  }

  async function withProtection(found: Promise<JiraGroup[]>): Promise<JiraGroupDetails[]> {
    const [groups, access] = await Promise.all([found, groupAccess(read)]);
    // The lookup by access first; the standard names protect whatever it missed.
    return groups.map((g): JiraGroupDetails => {
      const granted = access.get(g.groupId) ?? wellKnownAccess(g.name);
      return { ...g, protected: granted !== null, access: granted };
    });
  }

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

    async emailsOf(accountIds) {
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
    },

    async groupsByName(names) {
      const unique = [...new Set(names)];
      if (unique.length === 0) return [];
      return withProtection(groupsNamed(unique));
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

    async createGroup(name) {
      const answer = await write.send('POST', '/rest/api/3/group', { body: { name }, accept: [400] });
      if (answer.status !== 400) {
        const created = asRecord(answer.body, 'POST /rest/api/3/group');
        // groupId is nullable in the schema; fall through to a lookup when it is missing.
        if (typeof created.groupId === 'string' && created.groupId !== '')
          return toJiraGroup(created, 'POST /rest/api/3/group');
      }
      // 400 is "not specified or … in use": an existing group of that name is the idempotent success.
      const existing = (await groupsNamed([name])).find((g) => g.name.toLowerCase() === name.toLowerCase());
      if (existing) return existing;
      throw createGroupRefused(name, answer.errorText);
    },

    async addMember(groupId, accountId) {
      const answer = await write.send('POST', jiraPath('/rest/api/3/group/user', { groupId }), {
        body: { accountId },
        accept: [400],
      });
      // Jira documents no "already a member" answer; should it come as a 400 saying so, it is success.
      if (answer.status === 400 && !/already/i.test(answer.errorText))
        throw addMemberRefused(groupId, accountId, answer.errorText);
    },

    async removeMember(groupId, accountId) {
      // 404 ("group or user not found") or 400 "...since user is not a member...": the membership
      // does not exist (a retry whose first answer was lost, or a removal by hand), which is what
      // removal wants. Any other 400 is a refusal.
      const answer = await write.send('DELETE', jiraPath('/rest/api/3/group/user', { groupId, accountId }), {
        accept: [400, 404],
      });
      if (answer.status === 400 && !/not a member/i.test(answer.errorText))
        throw refused(
          'jira-request-failed',
          `Jira refused to remove ${accountId} from group ${groupId} (HTTP 400).`,
          answer.errorText,
        );
    },

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

    createUser: (email, products) => createAccount(write, options.writeIdentity, email, products),

    writeIdentityHealth: () => checkWriteIdentity(options.writeIdentity, read, write),
  };
}

function createGroupRefused(name: string, said: string): Error {
  return refused(
    'jira-group-create-refused',
    `Jira refused to create the group "${name}" and no group of that name exists.`,
    said,
  );
}

function addMemberRefused(groupId: string, accountId: string, said: string): Error {
  return refused('jira-request-failed', `Jira refused to add ${accountId} to group ${groupId} (HTTP 400).`, said);
}

function refused(code: ErrorCode, message: string, said: string): Error {
  return new SyncError(code, said ? `${message} Jira said: ${said}` : message);
}
