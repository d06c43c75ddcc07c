import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ForgeApp } from '../forge-runtime/forge-app';
import { UnknownModuleError } from '../forge-runtime/invocation';
import { bridgeShimScript } from './bridge-shim';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};
// Resolver payloads are capped at 500 KB by Forge's front-end invoke.
const MAX_BODY = 500 * 1024;

export interface HostServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built admin page with the bridge shim injected; `POST /__forge/invoke`, which
 * invokes the deployed resolver function as the account in `x-local-account-id`; and
 * `/x1/<module key>`, the URL webTrigger.getUrl hands out, which invokes that webtrigger module.
 * Every request gets an answer: bad input is a 4xx, a failing function a 5xx, never a crash.
 */
export async function startHostServer(
  app: ForgeApp,
  options: { distDir: string; defaultAccountId: string; port?: number; log?: (line: string) => void },
): Promise<HostServer> {
  const server = http.createServer((req, res) => {
    handle(app, options, req, res).catch((error: unknown) => {
      options.log?.(
        `Request ${req.method} ${req.url} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!res.headersSent)
        send(
          res,
          500,
          'application/json',
          JSON.stringify({ message: 'The local host failed to answer this request.' }),
        );
      else res.end();
    });
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

async function handle(
  app: ForgeApp,
  options: { distDir: string; defaultAccountId: string },
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'POST' && url.pathname === '/__forge/invoke') return invokeResolver(app, req, res);
  const trigger = /^\/x1\/([^/]+)$/.exec(url.pathname);
  if (trigger) return invokeWebTrigger(app, decodedOrNull(trigger[1] as string), url, req, res);
  if (req.method !== 'GET') return send(res, 405, 'text/plain', 'Method not allowed');
  const decoded = decodedOrNull(url.pathname);
  if (decoded === null) return send(res, 400, 'text/plain', 'Bad request: malformed percent-escape in the path');
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(options.distDir, relative);
  if (!file.startsWith(path.resolve(options.distDir)) || !fs.existsSync(file) || fs.statSync(file).isDirectory())
    return send(res, 404, 'text/plain', 'Not found');
  let body: string | Buffer = fs.readFileSync(file);
  if (relative === 'index.html')
    body = body
      .toString('utf8')
      .replace('<head>', `<head><script>${bridgeShimScript(options.defaultAccountId)}</script>`);
  send(res, 200, CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', body);
}

async function invokeResolver(app: ForgeApp, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const text = await readBody(req);
  if (text === null)
    return send(res, 413, 'application/json', JSON.stringify({ message: 'The request is over 500 KB.' }));
  let call: { functionKey?: unknown; payload?: unknown };
  try {
    call = JSON.parse(text) as typeof call;
  } catch {
    return send(res, 400, 'application/json', JSON.stringify({ message: 'The request is not JSON.' }));
  }
  if (typeof call !== 'object' || call === null || typeof call.functionKey !== 'string')
    return send(res, 400, 'application/json', JSON.stringify({ message: 'functionKey must be a string.' }));
  const accountId = String(req.headers['x-local-account-id'] ?? '') || undefined;
  try {
    send(
      res,
      200,
      'application/json',
      JSON.stringify(await app.resolve(call.functionKey, call.payload, { accountId })),
    );
  } catch (error) {
    // Forge's invoke rejects when the function throws; the bridge shim turns this into a rejection.
    send(
      res,
      500,
      'application/json',
      JSON.stringify({ message: error instanceof Error ? error.message : String(error) }),
    );
  }
}

async function invokeWebTrigger(
  app: ForgeApp,
  moduleKey: string | null,
  url: URL,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  if (moduleKey === null) return send(res, 400, 'text/plain', 'Bad request: malformed percent-escape in the path');
  const body = await readBody(req);
  if (body === null) return send(res, 413, 'text/plain', 'Payload too large');
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value : [value];
  const queryParameters: Record<string, string[]> = {};
  url.searchParams.forEach((value, name) => (queryParameters[name] ??= []).push(value));
  let answer: { statusCode: number; headers?: Record<string, string[]>; body?: string };
  try {
    answer = await app.webTrigger(moduleKey, {
      method: req.method ?? 'GET',
      path: url.pathname,
      headers,
      queryParameters,
      body,
    });
  } catch (error) {
    return send(
      res,
      error instanceof UnknownModuleError ? 404 : 500,
      'text/plain',
      error instanceof Error ? error.message : String(error),
    );
  }
  const responseHeaders = Object.fromEntries(
    Object.entries(answer?.headers ?? {}).map(([name, values]) => [name, values.join(', ')]),
  );
  res.writeHead(Number(answer?.statusCode) || 200, responseHeaders);
  res.end(answer?.body ?? '');
}

/** The request body, or null past 500 KB. */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function decodedOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}
