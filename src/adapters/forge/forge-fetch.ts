import api, { assumeTrustedRoute, fetch as forgeEgressFetch } from '@forge/api';
import type { HttpFetch } from '../../ports/http';

/** Egress (Graph, and the site's own URL in API-token mode) through Forge's allow-listed fetch. */
export const egressFetch: HttpFetch = (url, init) => forgeEgressFetch(url, init);

/** Jira REST as the app's own identity (reads). Paths are built by the adapters with encoded parameters. */
export const jiraAsApp: HttpFetch = (path, init) => api.asApp().requestJira(assumeTrustedRoute(path), init);

/** Jira REST as a user: the caller in resolvers, or an offline-impersonated site admin in consumers. */
export function jiraAsUser(accountId?: string): HttpFetch {
  return (path, init) => api.asUser(accountId).requestJira(assumeTrustedRoute(path), init);
}

/** The site's own REST API with a service account's API token (basic auth), through egress. */
export function jiraWithToken(siteUrl: string, email: string, token: string): HttpFetch {
  const authorization = `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
  return (path, init) => forgeEgressFetch(`${siteUrl}${path}`, { ...init, headers: { ...(init?.headers ?? {}), authorization } });
}
