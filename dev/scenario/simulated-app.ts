import { startGraphSimulator } from '../sim/graph/graph-simulator';
import { startJiraSimulator } from '../sim/jira/jira-simulator';
import type { ForgeApp, ForgeAppOptions } from '../forge-runtime/forge-app';
import type { JiraSimulatorOptions } from '../sim/jira/jira-simulator';
import { startForgeApp } from '../forge-runtime/forge-app';
import { InMemoryKeyValueStore } from '../host/in-memory-kv-store';
import { InProcessQueue } from '../host/in-process-queue';
import { VirtualClock } from '../host/virtual-clock';
import type { EngineLimits } from '../../src/engine';
import type { Scenario } from './scenario';
import path from 'node:path';
import { startHostServer } from '../host/host-server';

/** The webtrigger module (manifest.yml) Graph delivers change notifications to. */
export const NOTIFICATIONS_TRIGGER_KEY = 'entra-sync-notifications';

export interface SimulatedApp {
  /** The deployed bundle's handlers on the local Forge runtime. */
  app: ForgeApp;
  kv: InMemoryKeyValueStore;
  queue: InProcessQueue;
  clock: VirtualClock;
  graph: Awaited<ReturnType<typeof startGraphSimulator>>;
  /** Where the simulated Graph delivers change notifications: the app's web trigger on loopback. */
  webTrigger: { url: string; close(): Promise<void> };
  jira: Awaited<ReturnType<typeof startJiraSimulator>>;
  /**
   * Delivers queued events in due order, moving the virtual clock over their delays, until none is
   * left (or `max`); `afterEach` runs after every delivery. Returns the number delivered.
   */
  drain(options?: {
    max?: number;
    duplicate?: boolean;
    afterEach?: (delivered: number) => void | Promise<void>;
  }): Promise<number>;
  close(): Promise<void>;
}

export interface SimulatedAppOptions {
  limits?: Partial<EngineLimits>;
  kv?: (clock: VirtualClock) => InMemoryKeyValueStore;
  queue?: (clock: VirtualClock) => InProcessQueue;
  log?: (line: string) => void;
  /** Another manifest.yml (tests that take a permission away). */
  manifest?: string;
  /** Forge's budgets in the runtime: enforced (default) or counted, and smaller limits. */
  budgets?: ForgeAppOptions['budgets'];
  /** Jira simulator options (points pools, burst limits); its clock is the virtual one. */
  jira?: Omit<JiraSimulatorOptions, 'now'>;
  /** The host's network the app's requests leave through (tests record requests and inject faults here). */
  network?: typeof fetch;
}

/**
 * The deployed bundle on the local Forge runtime, over simulators seeded from the scenario, on a
 * virtual clock (waits cost no real time). The scenario runner and the tests share it.
 */
export async function startSimulatedApp(scenario: Scenario, options: SimulatedAppOptions = {}): Promise<SimulatedApp> {
  const clock = new VirtualClock();
  const graph = await startGraphSimulator(scenario);
  const jira = await startJiraSimulator(scenario, { ...options.jira, now: () => clock.now() });
  const kv = options.kv?.(clock) ?? new InMemoryKeyValueStore(clock);
  const queue = options.queue?.(clock) ?? new InProcessQueue(() => clock.now());
  let serverUrl = 'http://127.0.0.1';
  const app = startForgeApp({
    kv,
    queue,
    time: { now: () => clock.now(), advance: (ms) => clock.advance(ms) },
    jira: { baseUrl: jira.url },
    graphUrl: graph.url,
    limits: options.limits,
    log: options.log,
    manifest: options.manifest,
    budgets: options.budgets,
    network: options.network,
    webTriggerBaseUrl: () => serverUrl,
  });
  // The host's HTTP server serves the web trigger URLs webTrigger.getUrl hands out (Graph posts to them).
  const server = await startHostServer(app, {
    distDir: path.resolve(__dirname, '../../static/admin/dist'),
    defaultAccountId: '',
  });
  serverUrl = server.url;
  const webTrigger = { url: `${server.url}/x1/${NOTIFICATIONS_TRIGGER_KEY}`, close: () => server.close() };
  return {
    app,
    kv,
    queue,
    clock,
    graph,
    jira,
    webTrigger,
    async drain({ max = 100_000, duplicate = false, afterEach } = {}) {
      let delivered = 0;
      for (let next = queue.takeNext(); next && delivered < max; next = queue.takeNext()) {
        clock.advance(next.dueAt - clock.now());
        await app.deliver(next);
        if (duplicate) await app.deliver(next);
        delivered++;
        await afterEach?.(delivered);
      }
      return delivered;
    },
    async close() {
      await webTrigger.close();
      await graph.close();
      await jira.close();
    },
  };
}
