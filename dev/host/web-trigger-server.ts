import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../../src/app';
import type { WebTriggerRequest } from '../../src/ports/web-trigger';

/** The one web trigger module (manifest.yml) and the local path that stands for its URL. */
export const NOTIFICATIONS_TRIGGER_PATH = '/x1/entra-sync-notifications';
// The platform refuses larger invocation payloads before the function runs (a local stand-in figure).
const PLATFORM_MAX_BODY = 1024 * 1024;

export interface WebTriggerServer {
  /** What webTrigger.getUrl answers locally. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the app's web trigger over loopback HTTP the way Forge invokes it: the request as
 * `{method, headers: {name: [values]}, body, queryParameters: {name: [values]}, path}`, the
 * function's `{statusCode, headers, body}` as the response.
 */
export async function startWebTriggerServer(app: App): Promise<WebTriggerServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== NOTIFICATIONS_TRIGGER_PATH) {
      res.writeHead(404).end();
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= PLATFORM_MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > PLATFORM_MAX_BODY) {
        res.writeHead(413).end();
        return;
      }
      const request: WebTriggerRequest = {
        method: req.method ?? 'GET',
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v : [String(v)]])),
        body: Buffer.concat(chunks).toString('utf8'),
        queryParameters: [...url.searchParams.keys()].reduce<Record<string, string[]>>((all, key) => ({ ...all, [key]: url.searchParams.getAll(key) }), {}),
        path: url.pathname,
      };
      app.onWebTrigger(request).then(
        (response) => {
          const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, v.join(', ')]));
          res.writeHead(response.statusCode, headers).end(response.body);
        },
        // Forge answers 500 when the function throws.
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${NOTIFICATIONS_TRIGGER_PATH}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
