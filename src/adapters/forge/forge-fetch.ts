import api, { assumeTrustedRoute, fetch as forgeEgressFetch } from '@forge/api';
import { SyncError } from '../../core/errors';
import type { HttpFetch } from '../../ports/http';

/** Egress (Graph, and the site's own URL in API-token mode) through Forge's allow-listed fetch. */
export const egressFetch: HttpFetch = (url, init) =>
  forgeEgressFetch(url, init).catch(platformRefusal(`Forge refused the request to ${new URL(url).origin}`));

/** Jira REST as the app's own identity (reads). Paths are built by the adapters with encoded parameters. */
export const jiraAsApp: HttpFetch = (path, init) =>
  api
    .asApp()
    .requestJira(assumeTrustedRoute(path), init)
    .catch(platformRefusal('Forge refused a Jira request as the app'));

/** Jira REST as the admin-page caller (asUser()). */
export const jiraAsCaller: HttpFetch = (path, init) =>
  api
    .asUser()
    .requestJira(assumeTrustedRoute(path), init)
    .catch(platformRefusal('Forge refused a Jira request as the signed-in user'));

const TOKEN_WAIT_SECONDS = 60;

/**
 * Jira REST as an offline-impersonated site admin (asUser(accountId)). Forge refusing the
 * impersonation (NeedsAuthenticationError, ProxyRequestError) is the write identity failing,
 * reported as the health check reports it, never retried.
 */
export function jiraAsUser(accountId: string): HttpFetch {
  return (path, init) =>
    api
      .asUser(accountId)
      .requestJira(assumeTrustedRoute(path), init)
      .catch((error: unknown) => {
        // Offline impersonation tokens are 1,000 a minute per app (forge-platform.md §7): a 429 is a wait.
        if (isPlatformRefusal(error) && (error as { status?: unknown }).status === 429) {
          throw new SyncError(
            'impersonation-throttled',
            `Forge's offline-impersonation tokens for this minute are used up; the run waits ${TOKEN_WAIT_SECONDS} s and continues.`,
            { retryable: true, retryAfterSeconds: TOKEN_WAIT_SECONDS, cause: error },
          );
        }
        if (isPlatformRefusal(error))
          throw new SyncError(
            'runas-not-site-admin',
            `Forge refused to let the app act as ${accountId} (offline impersonation): ${(error as Error).message}. Choose another site admin, or the service-account (API token) write identity.`,
          );
        throw error;
      });
}

/** The site's own REST API with a service account's API token (basic auth), through egress. */
export function jiraWithToken(siteUrl: string, email: string, token: string): HttpFetch {
  const authorization = `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
  return (path, init) =>
    egressFetch(`${siteUrl}${path}`, { ...init, headers: { ...(init?.headers ?? {}), authorization } });
}

// Names @forge/api gives the platform's refusals (node_modules/@forge/api/out/api/errors.js).
const REFUSALS = new Set(['NEEDS_AUTHENTICATION_ERR', 'PROXY_ERR', 'REQUEST_EGRESS_ALLOWLIST_ERR']);

function isPlatformRefusal(error: unknown): boolean {
  return error instanceof Error && REFUSALS.has(error.name);
}

/** The platform's refusals are final (no retry helps); anything else is left to the retry logic. */
function platformRefusal(what: string) {
  return (error: unknown): never => {
    if (isPlatformRefusal(error)) throw new SyncError('forge-request-refused', `${what}: ${(error as Error).message}`);
    throw error;
  };
}
