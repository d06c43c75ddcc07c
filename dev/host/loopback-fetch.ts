import http from 'node:http';

/**
 * A `fetch` for plain-HTTP requests to the local simulators: one `http.request` on a keep-alive
 * agent, the answer buffered into a `Response`. It answers what fetch answers (status, headers,
 * body, abort) for the requests the runtime makes, at a fraction of undici's cost per request: the
 * benchmark's hot path is one loopback request per Jira write. Anything else (https, redirects to
 * follow, streamed bodies) goes to Node's fetch.
 */
export function loopbackFetch(agent = new http.Agent({ keepAlive: true, maxSockets: 64 })): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = init?.body;
    if (url.protocol !== 'http:' || input instanceof Request || (body != null && typeof body !== 'string'))
      return fetch(input, init);
    const headers: Record<string, string> = {};
    new Headers(init?.headers as HeadersInit | undefined).forEach((value, name) => (headers[name] = value));
    if (body != null && !headers['content-type']) headers['content-type'] = 'text/plain;charset=UTF-8';
    return new Promise<Response>((resolve, reject) => {
      const request = http.request(
        url,
        { method: (init?.method ?? 'GET').toUpperCase(), headers, agent, signal: init?.signal ?? undefined },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('error', reject);
          answer.on('end', () => {
            const status = answer.statusCode ?? 502;
            const out = new Headers();
            for (const [name, value] of Object.entries(answer.headers))
              for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
                out.append(name, one);
            const empty = status === 204 || status === 304 || init?.method?.toUpperCase() === 'HEAD';
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers: out }));
          });
        },
      );
      // As fetch: an aborted request rejects with the signal's reason, a network failure with TypeError.
      request.on('error', (error) =>
        reject(init?.signal?.aborted ? init.signal.reason : new TypeError('fetch failed', { cause: error })),
      );
      request.end(body ?? undefined);
    });
  };
}
