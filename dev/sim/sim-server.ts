import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ScenarioFault } from '../scenario/scenario';

/** A request as a simulator route sees it. `body` is parsed JSON or form fields (token endpoint). */
export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
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
export function publicOrigin(headers: http.IncomingHttpHeaders): string {
  const host = headers['x-forwarded-host'] ?? headers.host ?? '127.0.0.1';
  return `${String(headers['x-forwarded-proto'] ?? 'http')}://${String(host)}`;
}

export type SimHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

export interface SimServer {
  url: string;
  /** Requests served since start (or since the last reset), fault responses included. */
  requestCount(): number;
  close(): Promise<void>;
}

export interface SimServerOptions {
  port?: number;
  /** Added latency per request in ms (benchmark latency mode). */
  latencyMs?: number;
}

/** A small JSON HTTP server on loopback; routes decide everything, this only parses and counts. */
export async function startSimServer(handler: SimHandler, options: SimServerOptions = {}): Promise<SimServer> {
  let served = 0;
  const server = http.createServer((req, res) => {
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
          if (contentType.includes('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(rawBody));
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
          response = await handler({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, rawBody });
        } catch (error) {
          response = { status: 500, body: { error: { code: 'simulatorError', message: error instanceof Error ? error.message : String(error) } } };
        }
        const headers: Record<string, string> = { ...(response.headers ?? {}) };
        if (response.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
        res.writeHead(response.status, headers);
        res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
      })();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requestCount: () => served,
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

  /** The fault to serve for this request, if any (and counts it). */
  match(method: string, path: string): ScenarioFault | undefined {
    for (const entry of this.state) {
      const { fault } = entry;
      if (!path.startsWith(fault.path)) continue;
      if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) continue;
      entry.seen++;
      if (entry.seen <= (fault.after ?? 0)) continue;
      if (entry.failed >= (fault.times ?? 1)) continue;
      entry.failed++;
      return fault;
    }
    return undefined;
  }

  add(fault: ScenarioFault): void {
    this.state.push({ fault, seen: 0, failed: 0 });
  }
}
