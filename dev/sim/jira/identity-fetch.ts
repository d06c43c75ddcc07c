import type { HttpFetch } from '../../../src/ports/http';

/** The three ways a caller authenticates to the simulated site (and, for tokens, to a real one). */
export type JiraSimCredentials =
  | { kind: 'app' }
  | { kind: 'user'; accountId: string }
  | { kind: 'apiToken'; email: string; token: string };

/** The Authorization header the simulator reads for each identity. */
export function authorizationFor(credentials: JiraSimCredentials): string {
  switch (credentials.kind) {
    case 'app':
      return 'Bearer forge-app';
    case 'user':
      return `Bearer forge-user:${credentials.accountId}`;
    case 'apiToken':
      return `Basic ${Buffer.from(`${credentials.email}:${credentials.token}`).toString('base64')}`;
  }
}

/**
 * An HttpFetch over `network` (Node's fetch unless given) that resolves site-relative paths against
 * `baseUrl` and authenticates as `credentials`, standing in for Forge's asApp()/asUser() requestJira.
 */
export function jiraFetchAs(
  baseUrl: string,
  credentials: JiraSimCredentials,
  network: typeof fetch = (input, init) => fetch(input, init),
): HttpFetch {
  const authorization = authorizationFor(credentials);
  return (path, init = {}) =>
    network(new URL(path, baseUrl), {
      method: init.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...init.headers,
        Authorization: authorization,
      },
      body: init.body,
    });
}
