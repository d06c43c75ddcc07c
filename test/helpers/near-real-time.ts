import type { Scenario } from '../../dev/scenario/scenario';
import type { RunSummary } from '../../src/shared/resolver-contract';
import type { Harness } from './local-harness';
import { DEMO_ADMIN, demoScenario, startHarness } from './local-harness';

/** The demo tenant with near-real-time updates switched on and the permission they need granted. */
export function nearRealTimeScenario(): Scenario {
  const scenario = demoScenario();
  scenario.entra.app = { roles: ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All'] };
  // The schedule is off so every run here was started by a notification.
  scenario.settings = { ...scenario.settings, notifications: { enabled: true }, schedule: { enabled: false } };
  return scenario;
}

export interface NearRealTimeHarness extends Harness {
  logs: string[];
  runs(): Promise<RunSummary[]>;
  /** Lets the simulated Graph finish delivering, then delivers every queued event. */
  settle(): Promise<number>;
}

/** A harness after one full sync and one tick, so both subscriptions exist and delta links are stored. */
export async function startNearRealTimeHarness(scenario = nearRealTimeScenario()): Promise<NearRealTimeHarness> {
  const logs: string[] = [];
  const h = await startHarness(scenario, { log: (line) => logs.push(line) });
  const runs = async () => ((await h.app.resolve('listRuns', {}, { accountId: DEMO_ADMIN })) as { ok: true; data: RunSummary[] }).data;
  const settle = async () => {
    await h.graph.subscriptions.delivery.flush();
    return h.drain();
  };
  const first = (await h.app.resolve('syncNow', {}, { accountId: DEMO_ADMIN })) as { ok: boolean };
  if (!first.ok) throw new Error('The first sync did not start.');
  await h.drain();
  await h.app.onScheduledTick();
  await settle();
  return { ...h, logs, runs, settle };
}
