import { isSyncError } from '../../core/errors';
import type { Clock } from '../../ports/clock';
import { systemClock } from '../../ports/clock';
import type { HttpFetch } from '../../ports/http';
import { createConcurrencyLimit } from './concurrency-limit';
import { isSiteAdminAccount } from './group-queries';
import type { JiraHttp } from './jira-http';
import { createJiraHttp } from './jira-http';
import { asRecord } from './jira-json';

export interface CallerPermissions {
  /** Administer Jira (global ADMINISTER permission). */
  jiraAdmin: boolean;
  /** Member of a site-admin access group. */
  siteAdmin: boolean;
}

/**
 * What the person using the admin page may do, asked as that person (asUser()). A caller without
 * "Browse users and groups" (403 on the group reads) cannot be a site admin, so that answers false.
 */
export function createCallerPermissions(
  fetchAsCaller: HttpFetch,
  options: { clock?: Clock; deadline?: () => number } = {},
): (accountId: string) => Promise<CallerPermissions> {
  // Under a deadline a wait that would outlast it (a 429 storm) fails at once instead of passing Forge's limit.
  const http = createJiraHttp({
    fetch: fetchAsCaller,
    channel: 'read',
    clock: options.clock ?? systemClock,
    limit: createConcurrencyLimit(2),
    deadline: options.deadline,
  });
  return async (accountId) => {
    const [jiraAdmin, siteAdmin] = await Promise.all([hasAdminister(http), callerIsSiteAdmin(http, accountId)]);
    return { jiraAdmin, siteAdmin };
  };
}

async function hasAdminister(http: JiraHttp): Promise<boolean> {
  const where = 'GET /rest/api/3/mypermissions';
  const answer = await http.send('GET', '/rest/api/3/mypermissions?permissions=ADMINISTER');
  const permissions = asRecord(asRecord(answer.body, where).permissions, where);
  const administer = permissions.ADMINISTER;
  return (
    administer !== null &&
    typeof administer === 'object' &&
    (administer as { havePermission?: unknown }).havePermission === true
  );
}

async function callerIsSiteAdmin(http: JiraHttp, accountId: string): Promise<boolean> {
  try {
    return await isSiteAdminAccount(http, accountId);
  } catch (error) {
    if (isSyncError(error) && error.code === 'jira-permission-missing') return false;
    throw error;
  }
}
