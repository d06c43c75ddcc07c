/**
 * Responses the Forge platform answers in place of the product: @forge/api turns a
 * `forge-proxy-error` header into ProxyRequestError, or NeedsAuthenticationError for
 * NEEDS_AUTHENTICATION_ERR (node_modules/@forge/api/out/api/fetch.js).
 */
export function proxyError(status: number, reason: string): Response {
  return new Response(JSON.stringify({ message: reason }), {
    status,
    headers: { 'content-type': 'application/json', 'forge-proxy-error': reason },
  });
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A request's headers as a plain lower-cased object (what the simulators and request recorders read). */
export function plainHeaders(init: RequestInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init?.headers as HeadersInit | undefined).forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}
