import { randomUUID } from 'node:crypto';
import type { App } from '../../src/app';
import { createApp } from '../../src/app';
import type { AppDeps } from '../../src/app-deps';
import { createGraphDirectory } from '../../src/adapters/graph';
import { createCallerPermissions, createJiraDirectory } from '../../src/adapters/jira';
import type { EngineLimits } from '../../src/engine';
import { DEFAULT_LIMITS } from '../../src/engine';
import type { Clock } from '../../src/ports/clock';
import type { KeyValueStore } from '../../src/ports/key-value-store';
import type { WorkQueue } from '../../src/ports/work-queue';
import { basicAuth, nodeFetch, siteFetch } from './node-fetch';

export interface LocalEndpoints {
  /** Base URL serving the Entra token endpoint; undefined means the real cloud hosts. */
  loginBaseUrl?: string;
  graphBaseUrl?: string;
  /** Jira site (the simulator, or a real site with `jiraApiToken`). */
  jiraBaseUrl: string;
  /** A real site: every Jira request uses this service account instead of Forge identities. */
  jiraServiceAccount?: { email: string; token: string };
}

export interface LocalAppOptions {
  kv: KeyValueStore;
  queue: WorkQueue;
  clock: Clock;
  endpoints: LocalEndpoints;
  limits?: Partial<EngineLimits>;
  log?: (message: string) => void;
  /** The web trigger URL Graph notifies (the benchmark wires the app directly, without one). */
  notificationUrl?: () => Promise<string>;
  notificationDebounceSeconds?: number;
}

/**
 * The local composition root: the same app as on Forge, with Node's fetch in place of Forge's
 * egress and `requestJira`. The Jira simulator tells identities apart by the Authorization header
 * (`Bearer forge-app`, `Bearer forge-user:<accountId>`, or Basic for API tokens).
 */
export function createLocalApp(options: LocalAppOptions): { app: App; deps: AppDeps } {
  const { endpoints } = options;
  const LIMITS = { ...DEFAULT_LIMITS, ...options.limits };
  const jiraAs = (authorization: string) =>
    siteFetch(
      endpoints.jiraBaseUrl,
      endpoints.jiraServiceAccount
        ? basicAuth(endpoints.jiraServiceAccount.email, endpoints.jiraServiceAccount.token)
        : authorization,
    );
  const deps: AppDeps = {
    kv: options.kv,
    queue: options.queue,
    clock: options.clock,
    newId: () => randomUUID(),
    limits: LIMITS,
    resolverBudgetMs: 20_000,
    log: options.log,
    notificationUrl: options.notificationUrl,
    notificationDebounceSeconds: options.notificationDebounceSeconds,
    directories: {
      entra: (settings, clientSecret, connect) =>
        createGraphDirectory({
          fetch: nodeFetch,
          cloud: settings.cloud,
          tenantId: settings.tenantId,
          clientId: settings.clientId,
          clientSecret,
          clock: options.clock,
          ...(endpoints.loginBaseUrl && endpoints.graphBaseUrl
            ? { endpoints: { loginBaseUrl: endpoints.loginBaseUrl, graphBaseUrl: endpoints.graphBaseUrl } }
            : {}),
          deadline: connect.deadline,
          lowPriority: connect.lowPriority,
          onCall: (kind) => {
            // Token requests are not Graph API calls; they are counted by the simulator separately.
            if (kind !== 'token') connect.onCall(kind === 'throttled' ? 'throttled' : 'graph');
          },
        }),
      jira: (actor, apiToken, connect) =>
        createJiraDirectory({
          read: jiraAs('Bearer forge-app'),
          write: jiraAs(
            actor.mode === 'apiToken' ? basicAuth(actor.email, apiToken ?? '') : `Bearer forge-user:${actor.accountId}`,
          ),
          writeIdentity: actor,
          maxInFlight: LIMITS.applyConcurrency,
          clock: options.clock,
          deadline: connect.deadline,
          onCall: (kind) =>
            connect.onCall(kind === 'read' ? 'jira-read' : kind === 'write' ? 'jira-write' : 'throttled'),
        }),
    },
    callerPermissions: (accountId) => createCallerPermissions(jiraAs(`Bearer forge-user:${accountId}`))(accountId),
  };
  return { app: createApp(deps), deps };
}
