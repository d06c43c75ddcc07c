import type { IncomingHttpHeaders } from 'node:http';
import type { Scenario } from '../../scenario/scenario';
import type { JiraDirectoryState } from './directory-state';

/**
 * Who is calling, from the Authorization header the local host and tests send:
 * `Bearer forge-app` (asApp), `Bearer forge-user:<accountId>` (asUser) or Basic email:token.
 */
export type JiraIdentity = { kind: 'app' } | { kind: 'user'; accountId: string; via: 'impersonation' | 'apiToken' };

/** The app's system user; it has an account of type `app` of its own in Jira. */
export const APP_SYSTEM_ACCOUNT_ID = 'forge-app-system-user';

export interface ApiToken {
  email: string;
  token: string;
}

/** Tokens the site accepts: scenario.jira.apiTokens, else the settings' service-account token. */
export function acceptedApiTokens(scenario: Scenario): ApiToken[] {
  if (scenario.jira.apiTokens) return scenario.jira.apiTokens;
  const writeAs = scenario.settings.writeAs;
  if (writeAs.mode === 'apiToken' && writeAs.apiToken) return [{ email: writeAs.email, token: writeAs.apiToken }];
  return [];
}

/** The caller, or null when the credentials are missing or wrong (401). Deactivated accounts cannot authenticate. */
export function identify(
  headers: IncomingHttpHeaders,
  state: JiraDirectoryState,
  tokens: ApiToken[],
): JiraIdentity | null {
  const header = headers.authorization ?? '';
  if (header === 'Bearer forge-app') return { kind: 'app' };
  const impersonated = /^Bearer forge-user:(.+)$/.exec(header);
  if (impersonated?.[1]) {
    const user = state.user(impersonated[1]);
    return user?.active ? { kind: 'user', accountId: user.accountId, via: 'impersonation' } : null;
  }
  const basic = /^Basic (.+)$/.exec(header);
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const email = decoded.slice(0, colon);
    const token = decoded.slice(colon + 1);
    if (!tokens.some((t) => t.email.toLowerCase() === email.toLowerCase() && t.token === token)) return null;
    const user = state.activeUserByEmail(email);
    return user ? { kind: 'user', accountId: user.accountId, via: 'apiToken' } : null;
  }
  return null;
}

/** Browse users and groups: the app's scopes grant it; Service Desk customers never have it. */
export function canBrowseUsers(identity: JiraIdentity, state: JiraDirectoryState): boolean {
  if (identity.kind === 'app') return true;
  return state.user(identity.accountId)?.accountType !== 'customer';
}

/** Group writes need site-admin; the app's system user is never one (jira-api.md §3). */
export function isSiteAdmin(identity: JiraIdentity, state: JiraDirectoryState): boolean {
  return identity.kind === 'user' && state.isSiteAdmin(identity.accountId);
}

/** Administer Jira: manage:jira-configuration gives it to the app; site and Jira admins have it. */
export function canAdministerJira(identity: JiraIdentity, state: JiraDirectoryState): boolean {
  return identity.kind === 'app' || state.isJiraAdmin(identity.accountId);
}
