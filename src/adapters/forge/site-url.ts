import { SyncError } from '../../core/errors';
import type { HttpFetch } from '../../ports/http';

// The domains an Atlassian Cloud site can have (a jira.com site is an older site's domain).
const CLOUD_SITE = /^https:\/\/[a-z0-9][a-z0-9-]*\.(atlassian\.net|jira\.com)$/i;

/**
 * The site's base URL as Jira reports it (`GET /rest/api/3/serverInfo`, asked as the app), not
 * from a page visit: API-token requests must go to this site and no other. Not cached here: a
 * container-wide cache could outlive the installation it was read for; callers keep it per invocation.
 */
export async function siteBaseUrl(jiraAsApp: HttpFetch): Promise<string> {
  const response = await jiraAsApp('/rest/api/3/serverInfo', { headers: { accept: 'application/json' } });
  if (response.status !== 200)
    throw new SyncError(
      'jira-unavailable',
      `Jira did not tell the site's address (serverInfo answered HTTP ${response.status}); try again.`,
      { retryable: true },
    );
  let baseUrl: unknown;
  try {
    baseUrl = (JSON.parse(await response.text()) as { baseUrl?: unknown }).baseUrl;
  } catch {
    baseUrl = undefined;
  }
  const url = typeof baseUrl === 'string' ? baseUrl.replace(/\/+$/, '') : '';
  if (!CLOUD_SITE.test(url))
    throw new SyncError(
      'token-invalid',
      `Jira reported the site's address as ${JSON.stringify(String(baseUrl).slice(0, 100))}, which is not an Atlassian Cloud site; the service account cannot be used.`,
    );
  return url;
}
