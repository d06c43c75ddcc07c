import path from 'node:path';
import { InMemoryKeyValueStore } from '../../dev/host/in-memory-kv-store';
import { InProcessQueue } from '../../dev/host/in-process-queue';
import { createLocalApp } from '../../dev/host/local-app';
import { VirtualClock } from '../../dev/host/virtual-clock';
import { loadScenario } from '../../dev/scenario/load-scenario';
import type { Scenario } from '../../dev/scenario/scenario';
import { startGraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { startJiraSimulator } from '../../dev/sim/jira/jira-simulator';
import type { App } from '../../src/app';
import type { AppDeps } from '../../src/app-deps';
import type { EngineLimits } from '../../src/engine/engine-deps';
import { saveSettings } from '../../src/settings/settings-store';
import { validateSettings } from '../../src/settings/validate-settings';

export const DEMO_ADMIN = '5b10ac8d82e05b22cc7d0900';
export const DEMO_MEMBER = '5b10ac8d82e05b22cc7d0001';

export function demoScenario(): Scenario {
  return loadScenario(path.resolve(__dirname, '../../dev/scenarios/demo.json'));
}

export interface Harness {
  app: App;
  deps: AppDeps;
  kv: InMemoryKeyValueStore;
  queue: InProcessQueue;
  clock: VirtualClock;
  jira: Awaited<ReturnType<typeof startJiraSimulator>>;
  graph: Awaited<ReturnType<typeof startGraphSimulator>>;
  /** Delivers queued events (moving the virtual clock over delays) until none is left. */
  drain(max?: number): Promise<number>;
  close(): Promise<void>;
}

/** The app wired exactly as the local host wires it, over the simulators, with a virtual clock. */
export async function startHarness(scenario: Scenario = demoScenario(), options: { limits?: Partial<EngineLimits>; seedSettings?: boolean } = {}): Promise<Harness> {
  const graph = await startGraphSimulator(scenario);
  const jira = await startJiraSimulator(scenario);
  const clock = new VirtualClock();
  const kv = new InMemoryKeyValueStore(clock);
  const queue = new InProcessQueue(() => clock.now());
  const { app, deps } = createLocalApp({ kv, queue, clock, endpoints: { loginBaseUrl: graph.url, graphBaseUrl: graph.url, jiraBaseUrl: jira.url }, limits: options.limits });
  if (options.seedSettings !== false) await saveSettings(kv, validateSettings(scenario.settings));
  return {
    app,
    deps,
    kv,
    queue,
    clock,
    jira,
    graph,
    async drain(max = 10_000) {
      let delivered = 0;
      for (let next = queue.takeNext(); next && delivered < max; next = queue.takeNext()) {
        clock.advance(next.dueAt - clock.now());
        await app.onSyncEvent(next.body);
        delivered++;
      }
      return delivered;
    },
    async close() {
      await graph.close();
      await jira.close();
    },
  };
}
