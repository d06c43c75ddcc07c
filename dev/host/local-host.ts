import path from 'node:path';
import { startGraphSimulator } from '../sim/graph/graph-simulator';
import { startJiraSimulator } from '../sim/jira/jira-simulator';
import type { Scenario } from '../scenario/scenario';
import { loadSettings, saveSettings } from '../../src/settings/settings-store';
import { validateSettings } from '../../src/settings/validate-settings';
import { systemClock } from '../../src/ports/clock';
import type { App } from '../../src/app';
import type { KeyValueStore } from '../../src/ports/key-value-store';
import { DiskKeyValueStore } from './disk-kv-store';
import { InMemoryKeyValueStore } from './in-memory-kv-store';
import { InProcessQueue } from './in-process-queue';
import type { LocalEndpoints } from './local-app';
import { createLocalApp } from './local-app';
import { startHostServer } from './host-server';
import { startWebTriggerServer } from './web-trigger-server';

export interface LocalHostOptions {
  scenario: Scenario;
  /** Folder for KVS on disk; in memory when absent (tests). */
  stateDir?: string;
  port?: number;
  /** Milliseconds between scheduled ticks (Forge: five minutes). */
  tickMs?: number;
  /** Real services instead of the simulators (see README). */
  endpoints?: LocalEndpoints;
  distDir?: string;
  log?: (message: string) => void;
  /** Seconds change notifications are gathered before they start a run (Forge default: 5). */
  notificationDebounceSeconds?: number;
}

export interface LocalHost {
  url: string;
  app: App;
  kv: KeyValueStore;
  queue: InProcessQueue;
  /** The simulated Graph, when the host runs on it (tests and the benchmark change the tenant through it). */
  graph: Awaited<ReturnType<typeof startGraphSimulator>> | null;
  jira: Awaited<ReturnType<typeof startJiraSimulator>> | null;
  simulators: { graph: string | null; jira: string | null };
  stop(): Promise<void>;
}

/**
 * The local Forge-like host: the same handlers with KVS (on disk or in memory), a queue that
 * really delivers continuation events, a timer standing in for the scheduled trigger, the admin
 * page with the bridge shim, and the Graph and Jira simulators seeded from the scenario.
 */
export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const log = options.log ?? (() => undefined);
  const graph = options.endpoints ? null : await startGraphSimulator(options.scenario);
  const jira = options.endpoints ? null : await startJiraSimulator(options.scenario);
  const endpoints: LocalEndpoints = options.endpoints ?? { loginBaseUrl: graph?.url, graphBaseUrl: graph?.url, jiraBaseUrl: jira?.url as string };
  const kv = options.stateDir ? new DiskKeyValueStore(options.stateDir, systemClock) : new InMemoryKeyValueStore(systemClock);
  if (!(await loadSettings(kv))) await saveSettings(kv, validateSettings(options.scenario.settings));
  const queue = new InProcessQueue(() => systemClock.now());
  // Local steps are short so progress is visible and the page stays responsive.
  // Called only once the server below is serving (by the tick, never during construction).
  const notificationUrl = async () => webTrigger.url;
  const { app } = createLocalApp({ kv, queue, clock: systemClock, endpoints, limits: { stepBudgetMs: 5_000 }, log, notificationUrl, notificationDebounceSeconds: options.notificationDebounceSeconds });
  const webTrigger = await startWebTriggerServer(app);
  const stopDelivering = queue.startDelivering(
    (body) => app.onSyncEvent(body),
    (error) => log(`Sync step failed, retrying: ${error instanceof Error ? error.message : String(error)}`),
  );
  const tick = setInterval(() => {
    app.onScheduledTick().then(
      (outcome) => outcome === 'started' && log('Scheduled tick started a sync run.'),
      (error: unknown) => log(`Scheduled tick failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, options.tickMs ?? 300_000);
  const writeAs = options.scenario.settings.writeAs as { accountId?: string };
  const server = await startHostServer(app, { distDir: options.distDir ?? path.resolve(__dirname, '../../static/admin/dist'), defaultAccountId: writeAs.accountId ?? '', port: options.port });
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
      await webTrigger.close();
      await graph?.close();
      await jira?.close();
    },
  };
}
