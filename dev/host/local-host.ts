import path from 'node:path';
import { startGraphSimulator } from '../sim/graph/graph-simulator';
import { startJiraSimulator } from '../sim/jira/jira-simulator';
import type { Scenario } from '../scenario/scenario';
import type { ForgeApp } from '../forge-runtime/forge-app';
import { startForgeApp } from '../forge-runtime/forge-app';
import { ensureBundle } from '../forge-runtime/bundle';
import { loadSettings, saveSettings } from '../../src/settings/settings-store';
import { validateSettings } from '../../src/settings/validate-settings';
import { systemClock } from '../../src/ports/clock';
import type { KeyValueStore } from '../../src/ports/key-value-store';
import { DiskKeyValueStore } from './disk-kv-store';
import { InMemoryKeyValueStore } from './in-memory-kv-store';
import { InProcessQueue } from './in-process-queue';
import { startHostServer } from './host-server';

/** A real Jira site and/or Microsoft's cloud instead of the simulators (see main.ts). */
export interface RealServices {
  jiraSiteUrl: string;
  serviceAccount: { email: string; token: string };
  realGraph: boolean;
}

export interface LocalHostOptions {
  scenario: Scenario;
  /** Folder for KVS and the event queue on disk; in memory when absent (tests). */
  stateDir?: string;
  port?: number;
  /** Milliseconds between scheduled ticks (Forge: five minutes). */
  tickMs?: number;
  real?: RealServices;
  distDir?: string;
  log?: (message: string) => void;
  /** Seconds change notifications are gathered before they start a run (Forge default: 5). */
  notificationDebounceSeconds?: number;
}

export interface LocalHost {
  url: string;
  app: ForgeApp;
  kv: KeyValueStore;
  queue: InProcessQueue;
  /** The simulated Graph, when the host runs on it (tests and the benchmark change the tenant through it). */
  graph: Awaited<ReturnType<typeof startGraphSimulator>> | null;
  jira: Awaited<ReturnType<typeof startJiraSimulator>> | null;
  simulators: { graph: string | null; jira: string | null };
  stop(): Promise<void>;
}

/**
 * The local host: the deployed bundle on the local Forge runtime, with KVS and the async-event
 * queue on disk (or in memory), a timer standing in for the scheduled trigger, the admin page
 * with the bridge shim, and the Graph and Jira simulators seeded from the scenario.
 */
export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const log = options.log ?? (() => undefined);
  const bundle = await ensureBundle(log);
  const graph = options.real?.realGraph ? null : await startGraphSimulator(options.scenario);
  const jira = options.real ? null : await startJiraSimulator(options.scenario);
  const kv = options.stateDir
    ? new DiskKeyValueStore(options.stateDir, systemClock)
    : new InMemoryKeyValueStore(systemClock);
  if (!(await loadSettings(kv))) await saveSettings(kv, validateSettings(options.scenario.settings));
  const queue = new InProcessQueue(
    () => systemClock.now(),
    options.stateDir ? path.join(options.stateDir, 'queue.json') : undefined,
  );
  let serverUrl = 'http://127.0.0.1';
  const app = startForgeApp({
    kv,
    queue,
    time: { now: () => Date.now() },
    jira: options.real
      ? { baseUrl: options.real.jiraSiteUrl, serviceAccount: options.real.serviceAccount }
      : { baseUrl: (jira as { url: string }).url },
    graphUrl: graph?.url,
    bundle,
    webTriggerBaseUrl: () => serverUrl,
    log: (line) => log(`[function] ${line}`),
    env:
      options.notificationDebounceSeconds === undefined
        ? {}
        : { NOTIFICATION_DEBOUNCE_SECONDS: String(options.notificationDebounceSeconds) },
  });
  const stopDelivering = queue.startDelivering(
    (event) => app.deliver(event),
    (error) => log(`Sync step failed, retrying: ${error instanceof Error ? error.message : String(error)}`),
  );
  const tick = setInterval(() => {
    app.onScheduledTick().then(
      (outcome) => outcome === 'started' && log('Scheduled tick started a sync run.'),
      (error: unknown) => log(`Scheduled tick failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, options.tickMs ?? 300_000);
  const writeAs = options.scenario.settings.writeAs as { accountId?: string };
  const server = await startHostServer(app, {
    distDir: options.distDir ?? path.resolve(__dirname, '../../static/admin/dist'),
    defaultAccountId: writeAs.accountId ?? '',
    port: options.port,
    log,
  });
  serverUrl = server.url;
  return {
    url: server.url,
    app,
    kv,
    queue,
    graph,
    jira,
    simulators: { graph: graph?.url ?? null, jira: jira?.url ?? null },
    async stop() {
      clearInterval(tick);
      stopDelivering();
      await server.close();
      await graph?.close();
      await jira?.close();
    },
  };
}
