import { startGraphSimulator } from '../sim/graph/graph-simulator';
import { startJiraSimulator } from '../sim/jira/jira-simulator';
import { InMemoryKeyValueStore } from '../host/in-memory-kv-store';
import { InProcessQueue } from '../host/in-process-queue';
import { createLocalApp } from '../host/local-app';
import { VirtualClock } from '../host/virtual-clock';
import type { App } from '../../src/app';
import type { AppDeps } from '../../src/app-deps';
import type { EngineLimits } from '../../src/engine/engine-deps';
import type { Scenario } from './scenario';
import type { WebTriggerServer } from '../host/web-trigger-server';
import { startWebTriggerServer } from '../host/web-trigger-server';

export interface SimulatedApp {
  app: App;
  deps: AppDeps;
  kv: InMemoryKeyValueStore;
  queue: InProcessQueue;
  clock: VirtualClock;
  graph: Awaited<ReturnType<typeof startGraphSimulator>>;
  /** Where the simulated Graph delivers change notifications: the app's web trigger on loopback. */
  webTrigger: WebTriggerServer;
  jira: Awaited<ReturnType<typeof startJiraSimulator>>;
  /**
   * Delivers queued events in due order, moving the virtual clock over their delays, until none is
   * left (or `max`); `afterEach` runs after every delivery. Returns the number delivered.
   */
  drain(options?: { max?: number; duplicate?: boolean; afterEach?: (delivered: number) => void | Promise<void> }): Promise<number>;
  close(): Promise<void>;
}

/**
 * The app wired exactly as the local host wires it, over simulators seeded from the scenario,
 * with a virtual clock (waits cost no real time). The scenario runner and the tests share it.
 */
export async function startSimulatedApp(scenario: Scenario, options: { limits?: Partial<EngineLimits>; kv?: (clock: VirtualClock) => InMemoryKeyValueStore; log?: (line: string) => void } = {}): Promise<SimulatedApp> {
  const graph = await startGraphSimulator(scenario);
  const jira = await startJiraSimulator(scenario);
  const clock = new VirtualClock();
  const kv = options.kv?.(clock) ?? new InMemoryKeyValueStore(clock);
  const queue = new InProcessQueue(() => clock.now());
  // Called only once the server below is serving (by the tick, never during construction).
  const notificationUrl = async () => webTrigger.url;
  const endpoints = { loginBaseUrl: graph.url, graphBaseUrl: graph.url, jiraBaseUrl: jira.url };
  const { app, deps } = createLocalApp({ kv, queue, clock, endpoints, limits: options.limits, log: options.log, notificationUrl });
  const webTrigger = await startWebTriggerServer(app);
  return {
    app,
    deps,
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
        await app.onSyncEvent(next.body);
        if (duplicate) await app.onSyncEvent(next.body);
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
