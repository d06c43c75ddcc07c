import type { KeyValueStore } from '../../src/ports/key-value-store';
import type { InProcessQueue } from '../host/in-process-queue';
import { jsonResponse, plainHeaders, proxyError } from './forge-responses';
import type { Invocation } from './invocation';
import { serveKvs } from './kvs-service';
import type { ManifestRules } from './manifest-rules';
import type { PlatformBudgets } from './platform-budgets';
import { checkScopes } from './product-scopes';

export type JiraIdentity = { kind: 'app' } | { kind: 'user'; accountId: string };

export interface PlatformServices {
  rules: ManifestRules;
  kv: KeyValueStore;
  queue: InProcessQueue;
  /** Where product requests go, and the Authorization each identity is given there. */
  jira: { baseUrl: string; authorization(identity: JiraIdentity): string };
  /** Base URL of web trigger URLs (the host's HTTP server). */
  webTriggerBaseUrl(): string;
  budgets: PlatformBudgets;
  /** The host's network, which egress and product requests leave through (tests pass a recording one). */
  network: typeof fetch;
}

interface Descriptor {
  type?: string;
  provider?: string;
  remote?: string;
  accountId?: string;
}

/**
 * `global.__forge_fetch__`: product requests (with the identity Forge would give them and the
 * manifest's scopes enforced), KVS, async-event pushes and web trigger URLs.
 */
export async function platformFetch(
  services: PlatformServices,
  invocation: Invocation,
  descriptor: Descriptor,
  path: string,
  init?: RequestInit,
): Promise<Response> {
  if (descriptor.type === 'kvs') {
    if (!services.rules.scopes.has('storage:app')) return proxyError(403, 'SCOPE_STORAGE_APP_MISSING');
    return serveKvs(services.kv, path, init, services.budgets);
  }
  if (descriptor.type === 'fpp' && descriptor.remote === 'jira')
    return productRequest(services, invocation, descriptor, path, init);
  if (descriptor.type === 'fpp' && descriptor.remote === 'stargate') return stargate(services, path, init);
  throw new Error(`The local Forge runtime does not emulate ${JSON.stringify(descriptor)} ${path}`);
}

async function productRequest(
  services: PlatformServices,
  invocation: Invocation,
  descriptor: Descriptor,
  path: string,
  init?: RequestInit,
): Promise<Response> {
  const identity = identityOf(invocation, descriptor);
  if (!identity) return proxyError(401, 'NEEDS_AUTHENTICATION_ERR');
  const method = (init?.method ?? 'GET').toUpperCase();
  const url = new URL(path, services.jira.baseUrl);
  const verdict = checkScopes(
    services.rules,
    method,
    url.pathname,
    descriptor.provider === 'user' && descriptor.accountId !== undefined,
  );
  if (verdict === 'undocumented')
    throw new Error(
      `The local Forge runtime cannot tell the scopes of ${method} ${url.pathname}: add it to test/contract/openapi (jira-adapter-operations.ts)`,
    );
  // Jira's answer to a token without the operation's scope (the manifest did not declare it).
  if (verdict === 'scope-missing')
    return jsonResponse(401, { code: 401, message: 'Unauthorized; scope does not match' });
  if (verdict === 'impersonation-not-allowed') return proxyError(403, 'IMPERSONATION_NOT_ALLOWED');
  // Offline impersonation (asUser(accountId) without a caller) needs a token: 1,000 a minute per app.
  const impersonated = identity.kind === 'user' && descriptor.accountId !== undefined;
  const tokenRefused = impersonated ? services.budgets.impersonationAdmit(invocation.id, identity.accountId) : null;
  if (tokenRefused) return tokenRefused;
  const headers = plainHeaders(init);
  return services.network(url, {
    ...init,
    headers: { ...headers, authorization: services.jira.authorization(identity) },
  });
}

/** asApp(), asUser() (the invocation's caller) or asUser(accountId) (offline impersonation). */
function identityOf(invocation: Invocation, descriptor: Descriptor): JiraIdentity | null {
  if (descriptor.provider === 'app') return { kind: 'app' };
  if (descriptor.provider !== 'user') return null;
  const accountId = descriptor.accountId ?? invocation.principal;
  return accountId ? { kind: 'user', accountId } : null;
}

async function stargate(services: PlatformServices, path: string, init?: RequestInit): Promise<Response> {
  const body = JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>;
  if (path.startsWith('/webhook/queue/publish/')) {
    const queueName = String(body.queueName);
    if (!services.rules.consumers.has(queueName))
      return jsonResponse(400, { message: `No consumer module listens on queue ${queueName}` });
    const events =
      (body.payload as Array<{
        body: { runId: string };
        delayInSeconds?: number;
        concurrency?: { key: string; limit: number };
      }>) ?? [];
    const eventsRefused = services.budgets.eventsAdmit(events.length);
    if (eventsRefused) return eventsRefused;
    try {
      await services.queue.push(
        events.map((e) => ({
          body: e.body,
          ...(e.delayInSeconds ? { delaySeconds: e.delayInSeconds } : {}),
          ...(e.concurrency ? { concurrency: e.concurrency } : {}),
        })),
      );
    } catch (error) {
      return jsonResponse(400, { message: error instanceof Error ? error.message : String(error) });
    }
    return new Response(null, { status: 201 });
  }
  if (path === '/graphql' && String(body.query).includes('createWebTriggerUrl')) {
    const key = String((body.variables as { input?: { triggerKey?: string } } | undefined)?.input?.triggerKey);
    if (!services.rules.webTriggers.has(key))
      return jsonResponse(200, { errors: [{ message: `No webtrigger module ${key} in the manifest` }], data: null });
    return jsonResponse(200, {
      data: { createWebTriggerUrl: { url: `${services.webTriggerBaseUrl()}/x1/${encodeURIComponent(key)}` } },
    });
  }
  throw new Error(`The local Forge runtime does not emulate ${path}`);
}
