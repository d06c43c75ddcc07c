import type { RunSummary } from '../../src/shared/resolver-contract';
import { asDemoAdmin } from './accounts';
import type { Rig } from './rig';
import { startRig } from './rig';
import { nearRealTimeScenario } from './scenarios';

export interface NearRealTimeRig extends Rig {
  runs(): Promise<RunSummary[]>;
  /** Lets the simulated Graph finish delivering, then delivers every queued event. */
  settle(): Promise<number>;
}

/** A rig after one full sync and one tick, so both subscriptions exist and delta links are stored. */
export async function startNearRealTimeRig(scenario = nearRealTimeScenario()): Promise<NearRealTimeRig> {
  const rig = await startRig(scenario);
  const runs = async () =>
    ((await rig.app.resolve('listRuns', {}, asDemoAdmin)) as { ok: true; data: RunSummary[] }).data;
  const settle = async () => {
    await rig.graph.subscriptions.delivery.flush();
    return rig.drain();
  };
  const first = (await rig.app.resolve('syncNow', {}, asDemoAdmin)) as { ok: boolean };
  if (!first.ok) throw new Error('The first sync did not start.');
  await rig.drain();
  await rig.app.onScheduledTick();
  await settle();
  return { ...rig, runs, settle };
}
