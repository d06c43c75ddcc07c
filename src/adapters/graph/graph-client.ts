import { SyncError } from '../../core/errors';
import type { HttpResponse } from '../../ports/http';
import type { RetryVerdict } from '../http/send-with-retry';
import { sendWithRetry } from '../http/send-with-retry';
import type { GraphCallOptions } from './graph-call-options';
import type { GraphCloudEndpoints } from './graph-clouds';
import type { ReadPurpose } from './graph-error-mapping';
import { graphResponseError } from './graph-error-mapping';
import type { TokenClient } from './token-client';

export interface GraphClientOptions extends GraphCallOptions {
  tokens: TokenClient;
  /** Origin plus `/v1.0`, no trailing slash. */
  apiBaseUrl: string;
  cloud: GraphCloudEndpoints;
  lowPriority?: boolean;
}

export interface GraphClient {
  /** GET a path under /v1.0 or an absolute nextLink on the same host; returns parsed JSON or throws. */
  get(pathOrUrl: string, purpose: ReadPurpose): Promise<Record<string, unknown>>;
  /** POST, PATCH or DELETE a path under /v1.0 with an optional JSON body; the parsed answer, or null when it has none. */
  send(
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    purpose: ReadPurpose,
  ): Promise<Record<string, unknown> | null>;
}

/** Graph asks clients to retry 429, 503 and 504 after Retry-After (facts 4.1); nothing else. */
function classify(response: HttpResponse): RetryVerdict {
  if (response.status === 429) return { retry: true, code: 'graph-throttled' };
  if (response.status === 503 || response.status === 504) return { retry: true, code: 'graph-unavailable' };
  return { retry: false };
}

/** A path under the API base, or a stored nextLink, which goes back only to the Graph host the token is for. */
function resolveUrl(apiBaseUrl: string, pathOrUrl: string): string {
  if (!/^https?:\/\//i.test(pathOrUrl)) return `${apiBaseUrl}${pathOrUrl}`;
  const origin = new URL(apiBaseUrl).origin;
  if (new URL(pathOrUrl).origin !== origin)
    throw new SyncError(
      'graph-invalid-next-link',
      `Refusing to follow a paging link to ${new URL(pathOrUrl).host}, which is not the Microsoft Graph host ${new URL(origin).host}.`,
    );
  return pathOrUrl;
}

/** One Graph request with the bearer token, retried on 429, 503 and 504 as Graph asks. */
async function sendToGraph(
  options: GraphClientOptions,
  request: { url: string; token: string; method: string; body?: unknown },
  purpose: ReadPurpose,
): Promise<HttpResponse> {
  const { url, token, method, body } = request;
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.lowPriority) headers['x-ms-throttle-priority'] = 'low';
  return sendWithRetry(
    async () => {
      options.onCall?.('graph');
      const response = await options.fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      if (response.status === 429) options.onCall?.('throttled');
      return response;
    },
    classify,
    { clock: options.clock, deadline: options.deadline },
    `Reading ${purpose.what} from Microsoft Graph`,
  );
}

/** A GET's answer: a JSON object, or a retryable error (a proxy's HTML page, a cut-off body). */
function jsonObject(text: string, purpose: ReadPurpose): Record<string, unknown> {
  try {
    const body: unknown = JSON.parse(text);
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // Falls through to the error below.
  }
  throw new SyncError(
    'graph-bad-response',
    `Microsoft Graph returned a response that is not a JSON object while reading ${purpose.what}.`,
    { retryable: true },
  );
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  async function exchange(pathOrUrl: string, purpose: ReadPurpose, method: string, body?: unknown): Promise<string> {
    const url = resolveUrl(options.apiBaseUrl, pathOrUrl);
    let token = await options.tokens.get();
    let response = await sendToGraph(options, { url, token, method, body }, purpose);
    if (response.status === 401) {
      // The token may have been revoked or rolled over before its expiry: one fresh try.
      options.tokens.invalidate(token);
      token = await options.tokens.get();
      response = await sendToGraph(options, { url, token, method, body }, purpose);
    }
    const text = await response.text();
    if (response.status < 200 || response.status >= 300)
      throw graphResponseError(response.status, text, purpose, options.cloud);
    return text;
  }

  return {
    async send(method, path, body, purpose) {
      const text = await exchange(path, purpose, method, body ?? undefined);
      if (!text) return null;
      try {
        return JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new SyncError(
          'graph-bad-response',
          `Microsoft Graph returned a response that is not JSON for ${purpose.what}.`,
          { retryable: true },
        );
      }
    },

    async get(pathOrUrl, purpose) {
      return jsonObject(await exchange(pathOrUrl, purpose, 'GET'), purpose);
    },
  };
}
