import path from 'node:path';
import { loadScenario } from '../../dev/scenario/load-scenario';
import type { Scenario } from '../../dev/scenario/scenario';
import type { SimulatedApp, SimulatedAppOptions } from '../../dev/scenario/simulated-app';
import { startSimulatedApp } from '../../dev/scenario/simulated-app';
import type { EngineLimits } from '../../src/engine';
import { saveSettings } from '../../src/settings/settings-store';
import { validateSettings } from '../../src/settings/validate-settings';

export const DEMO_ADMIN = '5b10ac8d82e05b22cc7d0900';
export const DEMO_MEMBER = '5b10ac8d82e05b22cc7d0001';

export function demoScenario(): Scenario {
  return loadScenario(path.resolve(__dirname, '../../dev/scenarios/demo.json'));
}

export interface Harness extends Omit<SimulatedApp, 'drain'> {
  /** Delivers queued events (moving the virtual clock over delays) until none is left. */
  drain(max?: number): Promise<number>;
}

/** The deployed bundle on the local Forge runtime, as the local host runs it, over the simulators, on a virtual clock. */
export async function startHarness(
  scenario: Scenario = demoScenario(),
  options: { limits?: Partial<EngineLimits>; seedSettings?: boolean; log?: (line: string) => void; manifest?: string } & Pick<SimulatedAppOptions, 'budgets' | 'jira'> = {},
): Promise<Harness> {
  const simulated = await startSimulatedApp(scenario, { limits: options.limits, log: options.log, manifest: options.manifest, budgets: options.budgets, jira: options.jira });
  if (options.seedSettings !== false) await saveSettings(simulated.kv, validateSettings(scenario.settings));
  return { ...simulated, drain: (max = 10_000) => simulated.drain({ max }) };
}
