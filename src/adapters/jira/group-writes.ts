import type { ErrorCode } from '../../core/errors';
import { SyncError } from '../../core/errors';
import type { JiraDirectory } from '../../ports/jira-directory';
import { groupsNamed } from './group-queries';
import type { JiraHttp } from './jira-http';
import { asRecord, toJiraGroup } from './jira-json';
import { jiraPath } from './jira-path';

/** Group creation and membership changes as the write identity; each is idempotent (a repeat is a success). */
export function groupWrites(
  write: JiraHttp,
  read: JiraHttp,
): Pick<JiraDirectory, 'createGroup' | 'addMember' | 'removeMember'> {
  return {
    async createGroup(name) {
      const answer = await write.send('POST', '/rest/api/3/group', { body: { name }, accept: [400] });
      if (answer.status !== 400) {
        const created = asRecord(answer.body, 'POST /rest/api/3/group');
        // groupId is nullable in the schema; fall through to a lookup when it is missing.
        if (typeof created.groupId === 'string' && created.groupId !== '')
          return toJiraGroup(created, 'POST /rest/api/3/group');
      }
      // 400 is "not specified or … in use": an existing group of that name is the idempotent success.
      const existing = (await groupsNamed(read, [name])).find((g) => g.name.toLowerCase() === name.toLowerCase());
      if (existing) return existing;
      throw refused(
        'jira-group-create-refused',
        `Jira refused to create the group "${name}" and no group of that name exists.`,
        answer.errorText,
      );
    },

    async addMember(groupId, accountId) {
      const answer = await write.send('POST', jiraPath('/rest/api/3/group/user', { groupId }), {
        body: { accountId },
        accept: [400],
      });
      // Jira documents no "already a member" answer; should it come as a 400 saying so, it is success.
      if (answer.status === 400 && !/already/i.test(answer.errorText))
        throw refused(
          'jira-request-failed',
          `Jira refused to add ${accountId} to group ${groupId} (HTTP 400).`,
          answer.errorText,
        );
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
  };
}

function refused(code: ErrorCode, message: string, said: string): Error {
  return new SyncError(code, said ? `${message} Jira said: ${said}` : message);
}
