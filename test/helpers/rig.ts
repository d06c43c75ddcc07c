import type { Scenario } from '../../dev/scenario/scenario';
import type { SimulatedApp, SimulatedAppOptions } from '../../dev/scenario/simulated-app';
import { startSimulatedApp } from '../../dev/scenario/simulated-app';
import type { EngineLimits } from '../../src/engine';
import { saveSettings } from '../../src/settings/settings-store';
import { validateSettings } from '../../src/settings/validate-settings';
import type { ProcessState } from './process-faults';
import { FaultKvStore, FaultQueue, freshProcess } from './process-faults';
import type { RecordedRequest } from './recorded-requests';
import { recordingNetwork } from './recorded-requests';
import { demoScenario } from './scenarios';

export interface RigOptions {
  limits?: Partial<EngineLimits>;
  /** Save the scenario's settings before the test starts (default true). */
  seedSettings?: boolean;
  /** Another manifest.yml (tests that take a permission away). */
  manifest?: string;
  /** Forge's budgets in the runtime (smaller limits reach them with a small tenant). */
  budgets?: SimulatedAppOptions['budgets'];
  /** Jira simulator options: points pools, burst limits. */
  jira?: SimulatedAppOptions['jira'];
}

/**
 * The one test rig: the deployed bundle's handlers on the local Forge runtime over the simulators,
 * on a virtual clock (the simulated app the scenario runner uses), with the faults Forge can
 * produce armed through `process` and every request the app sends recorded.
 */
export interface Rig extends SimulatedApp {
  kv: FaultKvStore;
  process: ProcessState;
  /** Every HTTP request the app sent (Jira and Graph), with the answer's status. */
  requests: RecordedRequest[];
  /** Every line the app logged. */
  logs: string[];
  /** Successful Jira writes made by each delivery of `deliver`, in delivery order. */
  writesPerDelivery: number[];
}

export async function startRig(scenario: Scenario = demoScenario(), options: RigOptions = {}): Promise<Rig> {
  const process = freshProcess();
  const requests: RecordedRequest[] = [];
  const logs: string[] = [];
  const simulators = { jira: '', graph: '' };
  let kv: FaultKvStore | undefined;
  const simulated = await startSimulatedApp(scenario, {
    limits: options.limits,
    manifest: options.manifest,
    budgets: options.budgets,
    jira: options.jira,
    kv: (clock) => (kv = new FaultKvStore(clock, process)),
    queue: (clock) => new FaultQueue(() => clock.now(), process),
    log: (line) => logs.push(line),
    network: recordingNetwork(simulators, process, requests),
  });
  Object.assign(simulators, { jira: simulated.jira.url, graph: simulated.graph.url });
  if (!kv) throw new Error("The simulated app did not take the rig's store.");
  if (options.seedSettings !== false) await saveSettings(kv, validateSettings(scenario.settings));
  return { ...simulated, kv, process, requests, logs, writesPerDelivery: [] };
}
