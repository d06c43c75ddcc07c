import type { HttpFetch } from '../../src/ports/http';

/** Node's global fetch as the adapters' HttpFetch. */
export const nodeFetch: HttpFetch = (url, init) => fetch(url, init);

/**
 * A fetch for site-relative Jira paths with a fixed Authorization header: how the local host
 * stands in for Forge's `requestJira` as the app, as an impersonated user, or with an API token.
 */
export function siteFetch(baseUrl: string, authorization: string): HttpFetch {
  return (pathOrUrl, init) =>
    fetch(pathOrUrl.startsWith('http') ? pathOrUrl : `${baseUrl}${pathOrUrl}`, {
      ...init,
      headers: { ...(init?.headers ?? {}), authorization },
    });
}

export function basicAuth(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
}
