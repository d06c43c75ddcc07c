import { SyncError } from '../../core/errors';
import type { CreatedJiraAccount } from '../../ports/jira-directory';
import type { JiraHttp } from './jira-http';
import { toJiraUser } from './jira-json';
import type { JiraWriteIdentity } from './write-identity';
import { describeWriteIdentity } from './write-identity';

const CREATE = 'POST /rest/api/3/user';

/**
 * `POST /rest/api/3/user {emailAddress, products}` as the write identity. `products` is always
 * sent: an omitted list is not "no access" everywhere (jira.js fills in every product, which takes
 * agent and discovery seats). 201 also answers an existing account that already has Jira access.
 */
export async function createAccount(
  http: JiraHttp,
  identity: JiraWriteIdentity,
  email: string,
  products: readonly string[],
): Promise<CreatedJiraAccount> {
  const body = { emailAddress: email, products: [...new Set(products)] };
  const answer = await http.send('POST', '/rest/api/3/user', { body, accept: [400, 403] });
  if (answer.status === 400) throw createRefused(email, answer.errorText);
  if (answer.status === 403) throw createForbidden(email, identity, answer.errorText);
  return { accountId: toJiraUser(answer.body, CREATE).accountId };
}

function createRefused(email: string, said: string): SyncError {
  const message = `Jira refused to create an account for ${email} (HTTP 400): the account may already exist without Jira access, or the site has no licences left. Give the account product access or free a licence in admin.atlassian.com.`;
  return new SyncError('user-create-refused', withJiraSaid(message, said));
}

/** Jira documents the create-user API as refusing Forge apps and anyone but organization admins. */
function createForbidden(email: string, identity: JiraWriteIdentity, said: string): SyncError {
  const who = describeWriteIdentity(identity);
  const fix =
    identity.mode === 'apiToken'
      ? `Creating accounts needs an organization admin: make ${identity.email} an organization admin in admin.atlassian.com, or create the account there.`
      : 'Jira does not let Forge apps create accounts: choose the service-account API token identity, with an account that is an organization admin, to write as.';
  return new SyncError(
    'user-create-forbidden',
    withJiraSaid(`Jira refused to create an account for ${email} as ${who} (HTTP 403). ${fix}`, said),
  );
}

function withJiraSaid(message: string, said: string): string {
  return said ? `${message} Jira said: ${said}` : message;
}
