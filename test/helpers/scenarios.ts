import path from 'node:path';
import { loadScenario } from '../../dev/scenario/load-scenario';
import type { Scenario } from '../../dev/scenario/scenario';

/** A scenario of dev/scenarios by name, optionally changed by the test. */
export function scenarioFile(name: string, change?: (scenario: Scenario) => void): Scenario {
  const scenario = loadScenario(path.resolve(__dirname, '../../dev/scenarios', `${name}.json`));
  change?.(scenario);
  return scenario;
}

export function demoScenario(): Scenario {
  return scenarioFile('demo');
}

/** The demo tenant with the schedule off, so ticks only nudge stalled runs and never start one. */
export function quietDemo(): Scenario {
  const s = demoScenario();
  return { ...s, settings: { ...s.settings, schedule: { enabled: false } } };
}

/** The demo tenant with near-real-time updates switched on and the permission they need granted. */
export function nearRealTimeScenario(): Scenario {
  const scenario = demoScenario();
  scenario.entra.app = { roles: ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All'] };
  // The schedule is off so every run here was started by a notification.
  scenario.settings = { ...scenario.settings, notifications: { enabled: true }, schedule: { enabled: false } };
  return scenario;
}
