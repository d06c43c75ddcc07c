import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { App } from '../../src/app';
import { bridgeShimScript } from './bridge-shim';

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png' };
// Resolver payloads are capped at 500 KB by Forge's front-end invoke.
const MAX_BODY = 500 * 1024;

export interface HostServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built admin page with the bridge shim injected, and `POST /__forge/invoke`, which
 * calls the same resolvers Forge would, as the account in `x-local-account-id`.
 */
export async function startHostServer(app: App, options: { distDir: string; defaultAccountId: string; port?: number }): Promise<HostServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/__forge/invoke') {
      let size = 0;
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY) chunks.push(chunk);
      });
      req.on('end', () => {
        void (async () => {
          if (size > MAX_BODY) return send(res, 413, 'application/json', JSON.stringify({ ok: false, error: { code: 'payload-too-large', message: 'The request is over 500 KB.' } }));
          let call: { functionKey?: unknown; payload?: unknown };
          try {
            call = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof call;
          } catch {
            return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'invalid-payload', message: 'The request is not JSON.' } }));
          }
          const accountId = String(req.headers['x-local-account-id'] ?? '') || undefined;
          const result = await app.resolve(String(call.functionKey), call.payload, { accountId });
          send(res, 200, 'application/json', JSON.stringify(result));
        })();
      });
      return;
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'Method not allowed');
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(options.distDir, relative);
    if (!file.startsWith(path.resolve(options.distDir)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return send(res, 404, 'text/plain', 'Not found');
    let body: string | Buffer = fs.readFileSync(file);
    if (relative === 'index.html') body = body.toString('utf8').replace('<head>', `<head><script>${bridgeShimScript(options.defaultAccountId)}</script>`);
    send(res, 200, CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}
