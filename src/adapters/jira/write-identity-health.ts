import type { WriteIdentityHealth } from '../../ports/jira-directory';
import { isSiteAdminAccount } from './group-queries';
import type { JiraHttp } from './jira-http';
import { asRecord } from './jira-json';
import { jiraPath } from './jira-path';
import type { JiraWriteIdentity } from './write-identity';

/**
 * Who writes and whether they can. Impersonation: the account as the app sees it. Token: whoever
 * the token authenticates as (`/myself`, a 401 there is `token-invalid`). Site-admin membership is
 * read with the app's identity in both cases. Organization-admin status is not exposed by any Jira
 * REST API (only admin.atlassian.com and the org-key Organizations API know it), so it is null.
 */
export async function checkWriteIdentity(
  identity: JiraWriteIdentity,
  read: JiraHttp,
  write: JiraHttp,
): Promise<WriteIdentityHealth> {
  let account: Record<string, unknown>;
  if (identity.mode === 'apiToken') {
    account = asRecord((await write.send('GET', '/rest/api/3/myself')).body, 'GET /rest/api/3/myself');
  } else {
    const answer = await read.send('GET', jiraPath('/rest/api/3/user', { accountId: identity.accountId }), {
      accept: [404],
    });
    if (answer.status === 404)
      return { accountId: identity.accountId, displayName: null, active: false, siteAdmin: false, orgAdmin: null };
    account = asRecord(answer.body, 'GET /rest/api/3/user');
  }
  const accountId = typeof account.accountId === 'string' ? account.accountId : null;
  return {
    accountId,
    displayName: typeof account.displayName === 'string' ? account.displayName : null,
    active: account.active === true,
    siteAdmin: accountId === null ? false : await isSiteAdminAccount(read, accountId),
    orgAdmin: null,
  };
}
