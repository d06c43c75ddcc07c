import { plainHeaders } from './forge-responses';
import type { ManifestRules } from './manifest-rules';
import { egressAllowed } from './manifest-rules';

/**
 * The function's global `fetch` (Forge egress): a URL whose origin is not under
 * `permissions.external.fetch.backend` is refused with Forge's error; an allowed origin that
 * `routes` maps (Microsoft's hosts, the Atlassian site) goes to its local simulator, with the
 * public origin in X-Forwarded-* so links the simulator returns point back at the public host.
 * Requests leave through `network`, the host's fetch.
 */
export function egressFetch(
  rules: Pick<ManifestRules, 'egress'>,
  routes: (origin: string) => string | undefined,
  network: typeof fetch,
) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!egressAllowed(rules, url)) {
      const error = new Error(
        `URL not included in the external fetch backend permissions: ${url.origin}. Visit go.atlassian.com/forge-egress for more information.`,
      );
      error.name = 'REQUEST_EGRESS_ALLOWLIST_ERR';
      throw error;
    }
    const target = routes(url.origin);
    if (!target) return network(url, init);
    const headers = {
      ...plainHeaders(init),
      'x-forwarded-host': url.host,
      'x-forwarded-proto': url.protocol.replace(':', ''),
    };
    return network(`${target}${url.pathname}${url.search}`, { ...init, headers });
  };
}
