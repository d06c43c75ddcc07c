/**
 * The Forge composition root: the only place (with src/adapters/forge) that imports @forge/*.
 * It wires Forge KVS, the async-events queue, egress fetch and requestJira into the
 * platform-neutral app, and exposes the handlers the manifest names.
 */
import { randomUUID } from 'node:crypto';
import { webTrigger } from '@forge/api';
import Resolver from '@forge/resolver';
import { createGraphDirectory } from './adapters/graph';
import { createCallerPermissions, createJiraDirectory, meterPoints } from './adapters/jira';
import { egressFetch, jiraAsApp, jiraAsCaller, jiraAsUser, jiraWithToken } from './adapters/forge/forge-fetch';
import { forgeKeyValueStore } from './adapters/forge/forge-kv-store';
import { forgeWorkQueue } from './adapters/forge/forge-work-queue';
import { siteBaseUrl } from './adapters/forge/site-url';
import { createApp } from './app';
import type { AppDeps } from './app-deps';
import { STORAGE_KEYS, limitsWithOverrides } from './engine';
import { systemClock } from './ports/clock';
import type { HttpFetch } from './ports/http';
import { RESOLVER_NAMES } from './shared/resolver-contract';
import type { WebTriggerRequest, WebTriggerResponse } from './ports/web-trigger';

const kv = forgeKeyValueStore;
/** The webtrigger module in manifest.yml that Graph delivers change notifications to. */
const NOTIFICATIONS_TRIGGER_KEY = 'entra-sync-notifications';
// A consumer may run 900 s; it stops working at 600 s so saving the checkpoint always fits.
// ENGINE_LIMITS (a Forge environment variable, JSON) may tune them per environment.
const LIMITS = limitsWithOverrides(process.env.ENGINE_LIMITS);
// NOTIFICATION_DEBOUNCE_SECONDS (a Forge environment variable) overrides the app's default.
const DEBOUNCE = process.env.NOTIFICATION_DEBOUNCE_SECONDS
  ? Number(process.env.NOTIFICATION_DEBOUNCE_SECONDS)
  : undefined;

/** API-token requests go to the site's own URL, which Jira itself reports (serverInfo, as the app). */
function tokenFetch(email: string, token: string | undefined, asApp: HttpFetch): HttpFetch {
  // Asked once per directory (one invocation's run step), never shared across installations.
  let site: Promise<string> | undefined;
  return async (path, init) => {
    site ??= siteBaseUrl(asApp).catch((error: unknown) => {
      site = undefined;
      throw error;
    });
    return jiraWithToken(await site, email, token ?? '')(path, init);
  };
}

const deps: AppDeps = {
  kv,
  queue: forgeWorkQueue(),
  // Forge's own time: Date and setTimeout (the local runtime gives the bundle a clock of its own).
  clock: systemClock,
  newId: () => randomUUID(),
  limits: LIMITS,
  resolverBudgetMs: 20_000,
  log: (message) => console.log(message),
  notificationUrl: () => webTrigger.getUrl(NOTIFICATIONS_TRIGGER_KEY),
  ...(DEBOUNCE !== undefined && Number.isFinite(DEBOUNCE) ? { notificationDebounceSeconds: DEBOUNCE } : {}),
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
          get: async () => {
            const stored = await kv.getSecret(STORAGE_KEYS.graphToken);
            return stored ? (JSON.parse(stored) as { token: string; expiresAt: number }) : undefined;
          },
          set: (value) => kv.setSecret(STORAGE_KEYS.graphToken, JSON.stringify(value)),
        },
        onCall: (kind) => {
          if (kind !== 'token') connect.onCall(kind === 'throttled' ? 'throttled' : 'graph');
        },
      }),
    jira: (actor, apiToken, connect) => {
      const onPoints = connect.onPoints ?? (() => undefined);
      const asApp = meterPoints(jiraAsApp, onPoints);
      // The service account's API token is exempt from points, so it reads too (but for the email API, which only apps may call).
      const token = actor.mode === 'apiToken';
      const write = token
        ? tokenFetch(actor.email, apiToken, asApp)
        : meterPoints(jiraAsUser(actor.accountId), onPoints);
      return createJiraDirectory({
        read: token ? write : asApp,
        ...(token ? { appRead: asApp } : {}),
        write,
        writeIdentity: actor,
        maxInFlight: LIMITS.applyConcurrency,
        clock: systemClock,
        deadline: connect.deadline,
        onCall: (kind) => connect.onCall(kind === 'read' ? 'jira-read' : kind === 'write' ? 'jira-write' : 'throttled'),
      });
    },
  },
  callerPermissions: (_accountId, deadline) => createCallerPermissions(jiraAsCaller, { deadline })(_accountId),
};

const app = createApp(deps);

/** Every resolver of the single resolver table (src/shared/resolver-contract.ts), so none can be missing. */
function buildAdminResolver() {
  const resolver = new Resolver();
  for (const name of RESOLVER_NAMES) {
    resolver.define(name, ({ payload, context }) =>
      app.resolve(name, payload, { accountId: (context as { accountId?: string }).accountId }),
    );
  }
  return resolver.getDefinitions();
}

export const adminResolver = buildAdminResolver();

/** Returns 204 either way: a scheduled trigger that throws is not retried (forge-platform.md §2.4). */
export async function scheduledTick(): Promise<{ statusCode: number }> {
  try {
    console.log(`Scheduled tick: ${await app.onScheduledTick()}`);
  } catch (error) {
    console.error(`Scheduled tick failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { statusCode: 204 };
}

/**
 * One run step per event; failures the engine cannot record are thrown so Forge retries the event.
 * The outcome is returned for the logs and the local runtime; Forge ignores a consumer's return
 * value unless it is an InvocationError (`_retry`).
 */
export async function syncConsumer(event: { body: unknown }): Promise<{ handled: string }> {
  return app.onSyncEvent(event.body);
}

/** Graph's change notifications and validation handshake (a dynamic-response web trigger). */
export async function changeNotifications(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  return app.onWebTrigger(request);
}
