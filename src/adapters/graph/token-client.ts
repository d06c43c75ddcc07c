import { createHash } from 'node:crypto';
import { SyncError, isSyncError } from '../../core/errors';
import type { CachedToken, TokenCache } from '../../ports/entra-directory';
import type { HttpResponse } from '../../ports/http';
import { sendWithRetry } from '../http/send-with-retry';
import type { TokenErrorContext } from './aadsts-mapping';
import type { GraphCallOptions } from './graph-call-options';
import { tokenError } from './aadsts-mapping';
import { redactSecret } from './secret-redaction';

/** Tokens are replaced this long before they expire, so a call never starts with a dying token. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface TokenClientOptions extends GraphCallOptions {
  loginBaseUrl: string;
  scope: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  context: TokenErrorContext;
  tokenCache?: TokenCache;
}

export interface TokenClient {
  /** A usable token from memory, the shared cache, or Entra (one request at a time). */
  get(): Promise<string>;
  /** Forgets `token` (Graph refused it) so the next `get` asks Entra. */
  invalidate(token: string): void;
}

/** Binds a cached token to cloud, tenant, app and secret; the secret only enters as a truncated hash. */
function cacheKey(options: TokenClientOptions): string {
  const secretFingerprint = createHash('sha256').update(options.clientSecret).digest('hex').slice(0, 16);
  return [options.scope, options.tenantId.toLowerCase(), options.clientId.toLowerCase(), secretFingerprint].join('|');
}

/** The client-credentials grant with caching (facts 1.1-1.2); no refresh tokens exist in this flow. */
export function createTokenClient(options: TokenClientOptions): TokenClient {
  const key = cacheKey(options);
  let memory: CachedToken | undefined;
  let inFlight: Promise<string> | undefined;
  const rejected = new Set<string>();

  const usable = (entry: CachedToken | undefined): entry is CachedToken =>
    entry !== undefined &&
    (entry.key === undefined || entry.key === key) &&
    !rejected.has(entry.token) &&
    options.clock.now() < entry.expiresAt - TOKEN_REFRESH_MARGIN_MS;

  async function fetchAndStore(): Promise<string> {
    const fromShared = await options.tokenCache?.get();
    if (usable(fromShared)) {
      memory = fromShared;
      return fromShared.token;
    }
    const fresh = await requestToken(options, key);
    memory = fresh;
    await options.tokenCache?.set(fresh);
    return fresh.token;
  }

  return {
    async get() {
      if (usable(memory)) return memory.token;
      // Parallel callers share one token request (Entra flags repeated requests, AADSTS50196).
      inFlight ??= fetchAndStore().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate(token) {
      rejected.add(token);
      if (memory?.token === token) memory = undefined;
    },
  };
}

/** One token from Entra's token endpoint (retried while Entra is throttled or unavailable), cached under `key`. */
async function requestToken(options: TokenClientOptions, key: string): Promise<CachedToken> {
  const url = `${options.loginBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(options.tenantId.trim())}/oauth2/v2.0/token`;
  let response: HttpResponse;
  try {
    response = await sendWithRetry(
      () => postTokenForm(options, url),
      (r) => ({ retry: r.status === 429 || r.status === 503 || r.status === 504, code: 'token-unavailable' }),
      { clock: options.clock, deadline: options.deadline },
      'The Entra token request',
    );
  } catch (error) {
    throw networkFailure(error, options);
  }
  const text = await response.text();
  if (response.status !== 200) throw tokenError(response.status, text, options.context, options.clientSecret);
  const body = parseTokenBody(text);
  if (!body)
    throw new SyncError(
      'token-error',
      `Entra answered the token request with HTTP 200 but no usable access token (from ${new URL(url).host}).`,
    );
  return { token: body.access_token, expiresAt: options.clock.now() + body.expires_in * 1000, key };
}

async function postTokenForm(options: TokenClientOptions, url: string): Promise<HttpResponse> {
  const form = new URLSearchParams({
    client_id: options.clientId,
    scope: options.scope,
    grant_type: 'client_credentials',
  });
  // An empty secret is left out so Entra answers with its own "secret missing" code.
  if (options.clientSecret) form.set('client_secret', options.clientSecret);
  options.onCall?.('token');
  const response = await options.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
  });
  if (response.status === 429) options.onCall?.('throttled');
  return response;
}

function parseTokenBody(text: string): { access_token: string; expires_in: number } | undefined {
  try {
    const body = JSON.parse(text) as { access_token?: unknown; expires_in?: unknown };
    const expiresIn = typeof body.expires_in === 'string' ? Number(body.expires_in) : body.expires_in;
    if (
      typeof body.access_token !== 'string' ||
      !body.access_token ||
      typeof expiresIn !== 'number' ||
      !Number.isFinite(expiresIn)
    )
      return undefined;
    return { access_token: body.access_token, expires_in: expiresIn };
  } catch {
    return undefined;
  }
}

/** A network or DNS failure named with the host tried, since a wrong cloud or missing egress is the usual cause. */
function networkFailure(error: unknown, options: TokenClientOptions): unknown {
  if (!isSyncError(error) || error.code !== 'network-error') return error;
  const host = new URL(options.loginBaseUrl).host;
  const cause = error.cause instanceof Error ? `${error.cause.message}${causeDetail(error.cause)}` : 'no response';
  return new SyncError(
    'network-error',
    redactSecret(
      `Could not reach the Microsoft sign-in service at ${host} (${cause}). Check the network, and that the cloud setting (${options.context.cloud.label}) is right.`,
      options.clientSecret,
    ),
    { retryable: true, retryAfterSeconds: error.retryAfterSeconds },
  );
}

function causeDetail(error: Error): string {
  const inner = (error as { cause?: unknown }).cause;
  return inner instanceof Error ? `: ${inner.message}` : '';
}
