/**
 * The Forge composition root: the only place (with src/adapters/forge) that imports @forge/*.
 * It wires Forge KVS, the async-events queue, egress fetch and requestJira into the
 * platform-neutral app, and exposes the three handlers the manifest names.
 */
import { randomUUID } from 'node:crypto';
import { webTrigger } from '@forge/api';
import Resolver from '@forge/resolver';
import { createGraphDirectory } from './adapters/graph';
import { createCallerPermissions, createJiraDirectory } from './adapters/jira';
import { egressFetch, jiraAsApp, jiraAsUser, jiraWithToken } from './adapters/forge/forge-fetch';
import { forgeKeyValueStore } from './adapters/forge/forge-kv-store';
import { forgeWorkQueue } from './adapters/forge/forge-work-queue';
import { createApp } from './app';
import type { AppDeps } from './app-deps';
import { SyncError } from './core/errors';
import { DEFAULT_LIMITS } from './engine/engine-deps';
import { STORAGE_KEYS } from './engine/storage-keys';
import { systemClock } from './ports/clock';
import type { HttpFetch } from './ports/http';
import type { ResolverName } from './shared/resolver-contract';
import type { WebTriggerRequest, WebTriggerResponse } from './ports/web-trigger';

const RESOLVERS: ResolverName[] = ['getSettings', 'saveSettings', 'testConnection', 'preview', 'syncNow', 'getRun', 'listRuns', 'cancelRun'];

const kv = forgeKeyValueStore;
/** The webtrigger module in manifest.yml that Graph delivers change notifications to. */
const NOTIFICATIONS_TRIGGER_KEY = 'entra-sync-notifications';
const LIMITS = DEFAULT_LIMITS;

/** API-token writes go to the site's own URL, remembered from the admin page's context. */
function tokenFetch(email: string, token: string | undefined): HttpFetch {
  return async (path, init) => {
    const siteUrl = await kv.get<string>(STORAGE_KEYS.siteUrl);
    if (!siteUrl || !token) throw new SyncError('token-invalid', 'The service account cannot be used yet: open the admin page once and save its API token.');
    return jiraWithToken(siteUrl, email, token)(path, init);
  };
}

const deps: AppDeps = {
  kv,
  queue: forgeWorkQueue(),
  clock: systemClock,
  newId: () => randomUUID(),
  // A consumer may run 900 s; stop working at 600 s so saving the checkpoint always fits.
  limits: LIMITS,
  resolverBudgetMs: 20_000,
  log: (message) => console.log(message),
  notificationUrl: () => webTrigger.getUrl(NOTIFICATIONS_TRIGGER_KEY),
  directories: {
    entra: (settings, clientSecret, connect) =>
      createGraphDirectory({
        fetch: egressFetch,
        cloud: settings.cloud,
        tenantId: settings.tenantId,
        clientId: settings.clientId,
        clientSecret,
        clock: systemClock,
        deadline: connect.deadline,
        lowPriority: connect.lowPriority,
        tokenCache: {
          get: () => kv.get(STORAGE_KEYS.graphToken),
          set: (value) => kv.set(STORAGE_KEYS.graphToken, value),
        },
        onCall: (kind) => {
          if (kind !== 'token') connect.onCall(kind === 'throttled' ? 'throttled' : 'graph');
        },
      }),
    jira: (actor, apiToken, connect) =>
      createJiraDirectory({
        read: jiraAsApp,
        write: actor.mode === 'apiToken' ? tokenFetch(actor.email, apiToken) : jiraAsUser(actor.accountId),
        writeIdentity: actor,
        maxInFlight: LIMITS.applyConcurrency,
        clock: systemClock,
        deadline: connect.deadline,
        onCall: (kind) => connect.onCall(kind === 'read' ? 'jira-read' : kind === 'write' ? 'jira-write' : 'throttled'),
      }),
  },
  callerPermissions: (accountId) => createCallerPermissions(jiraAsUser())(accountId),
};

const app = createApp(deps);

function buildAdminResolver() {
  const resolver = new Resolver();
  for (const name of RESOLVERS) {
    resolver.define(name, async ({ payload, context }) => {
      const siteUrl = (context as { siteUrl?: unknown }).siteUrl;
      if (typeof siteUrl === 'string' && /^https:\/\/[a-z0-9-]+\.atlassian\.net$/i.test(siteUrl) && (await kv.get(STORAGE_KEYS.siteUrl)) !== siteUrl) {
        await kv.set(STORAGE_KEYS.siteUrl, siteUrl);
      }
      return app.resolve(name, payload, { accountId: (context as { accountId?: string }).accountId });
    });
  }
  return resolver.getDefinitions();
}

export const adminResolver = buildAdminResolver();

/** Returns 204 either way: a scheduled trigger that throws is not retried (forge-platform.md §2.4). */
export async function scheduledTick(): Promise<{ statusCode: number }> {
  try {
    await app.onScheduledTick();
  } catch (error) {
    console.error(`Scheduled tick failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { statusCode: 204 };
}

/** One run step per event; failures the engine cannot record are thrown so Forge retries the event. */
export async function syncConsumer(event: { body: unknown }): Promise<void> {
  await app.onSyncEvent(event.body);
}

/** Graph's change notifications and validation handshake (a dynamic-response web trigger). */
export async function changeNotifications(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  return app.onWebTrigger(request);
}
