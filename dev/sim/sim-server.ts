import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ScenarioErrorFault, ScenarioFault } from '../scenario/scenario';
import type { TestCertificate } from './test-certificate';

/** A request as a simulator route sees it. `body` is parsed JSON or form fields (token endpoint). */
export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
  /** Scheme and host the caller used (`https://127.0.0.1:1234`, or the public host the local Forge runtime forwarded), for absolute links. */
  origin: string;
  /** Set by a short-page fault: the page served holds at most this many items. */
  pageCap?: number;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless undefined (empty body). */
  body?: unknown;
}

/**
 * The scheme and host the client addressed: X-Forwarded-* when the local Forge runtime routed a
 * public address (graph.microsoft.com, the site) here, else this server's own. Links in answers use it.
 */
function publicOrigin(headers: http.IncomingHttpHeaders, scheme: string): string {
  const host = headers['x-forwarded-host'] ?? headers.host ?? '127.0.0.1';
  return `${String(headers['x-forwarded-proto'] ?? scheme)}://${String(host)}`;
}

export type SimHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

export interface SimServer {
  url: string;
  /** Requests served since start (or since the last reset), fault responses included. */
  requestCount(): number;
  /** TCP connections accepted: a client that keeps connections alive makes one for many requests. */
  connectionCount(): number;
  close(): Promise<void>;
}

export interface SimServerOptions {
  port?: number;
  /** Added latency per request in ms (benchmark latency mode). */
  latencyMs?: number;
  /** Serve HTTPS with this certificate (as the real services do) instead of plain HTTP. */
  tls?: TestCertificate;
}

/** A small JSON HTTP server on loopback; routes decide everything, this only parses and counts. */
export async function startSimServer(handler: SimHandler, options: SimServerOptions = {}): Promise<SimServer> {
  let served = 0;
  const scheme = options.tls ? 'https' : 'http';
  const listener: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        served++;
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://sim.local');
        const contentType = String(req.headers['content-type'] ?? '');
        let body: unknown = undefined;
        if (rawBody) {
          if (contentType.includes('application/x-www-form-urlencoded'))
            body = Object.fromEntries(new URLSearchParams(rawBody));
          else {
            try {
              body = JSON.parse(rawBody);
            } catch {
              body = rawBody;
            }
          }
        }
        let response: SimResponse;
        try {
          if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
          const origin = publicOrigin(req.headers, scheme);
          response = await handler({
            method: req.method ?? 'GET',
            path: url.pathname,
            query: url.searchParams,
            headers: req.headers,
            body,
            rawBody,
            origin,
          });
        } catch (error) {
          response = {
            status: 500,
            body: {
              error: { code: 'simulatorError', message: error instanceof Error ? error.message : String(error) },
            },
          };
        }
        const headers: Record<string, string> = { ...(response.headers ?? {}) };
        if (response.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
        res.writeHead(response.status, headers);
        res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
      })();
    });
  };
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : http.createServer(listener);
  // Long enough that clients reuse connections: undici subtracts 1 s from the server's hint, so 1 s meant a new
  // TCP connection per request (the harness's largest cost per Jira write).
  server.keepAliveTimeout = 10_000;
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    requestCount: () => served,
    connectionCount: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Scenario faults for one service: each matching request (by path prefix and method) past `after`
 * fails with the given status until `times` failures have been served.
 */
export class FaultInjector {
  private readonly state: Array<{ fault: ScenarioFault; seen: number; failed: number }>;

  constructor(faults: ScenarioFault[], service: ScenarioFault['service']) {
    this.state = faults.filter((f) => f.service === service).map((fault) => ({ fault, seen: 0, failed: 0 }));
  }

  /**
   * The fault to serve for this request, if any. Every fault whose path and method match counts
   * the request, so `after: 1` means "the second matching request" whatever other faults did.
   */
  match(method: string, path: string): ScenarioFault | undefined {
    let chosen: (typeof this.state)[number] | undefined;
    for (const entry of this.state) {
      const { fault } = entry;
      if (!path.startsWith(fault.path)) continue;
      if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) continue;
      entry.seen++;
      if (!chosen && entry.seen > (fault.after ?? 0) && entry.failed < (fault.times ?? 1)) chosen = entry;
    }
    if (chosen) chosen.failed++;
    return chosen?.fault;
  }

  add(fault: ScenarioFault): void {
    this.state.push({ fault, seen: 0, failed: 0 });
  }

  /**
   * The error answer to serve for this request, if any; a matching short-page fault instead caps
   * the request's page (`request.pageCap`) and the route answers as usual.
   */
  errorFor(request: SimRequest, path: string = request.path): ScenarioErrorFault | undefined {
    const fault = this.match(request.method, path);
    if (fault && 'shortPage' in fault) {
      request.pageCap = fault.shortPage;
      return undefined;
    }
    return fault;
  }
}
