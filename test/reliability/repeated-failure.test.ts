import type { Envelope, RunDetail, StatusView } from '../../src/shared/resolver-contract';
import type { Rig } from '../helpers';
import { asDemoAdmin, drive, scenarioFile, startRig } from '../helpers';

/**
 * A run that fails on consecutive schedules is reported prominently (status banner alerts, run
 * record) and the schedule backs off instead of hammering the services; a success clears it; a
 * day without success is shown.
 */

const HOUR = 3_600_000;
const TICK = 5 * 60_000;

async function status(rig: Rig): Promise<StatusView> {
  const answer = (await rig.app.resolve('getStatus', {}, asDemoAdmin)) as Envelope<StatusView>;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

/** Ticks every five minutes for `hours`, driving each run that starts; returns the start times. */
async function tickFor(rig: Rig, hours: number): Promise<number[]> {
  const starts: number[] = [];
  const end = rig.clock.now() + hours * HOUR;
  while (rig.clock.now() < end) {
    if ((await rig.app.onScheduledTick()) === 'started') {
      starts.push(rig.clock.now());
      const runs = (await rig.app.resolve('listRuns', {}, asDemoAdmin)) as Envelope<Array<{ id: string }>>;
      if (runs.ok && runs.data[0]) await drive(rig, runs.data[0].id);
    }
    rig.clock.advance(TICK);
  }
  return starts;
}

describe('repeated failure', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig(scenarioFile('demo'));
  });
  afterEach(() => rig.close());

  it('is reported, backs off, shows "no successful sync in N hours", and is cleared by a success', async () => {
    // A first scheduled run succeeds, then the client secret is replaced by a wrong one.
    expect(await tickFor(rig, 0.5)).toHaveLength(1);
    expect((await status(rig)).lastSuccessAt).not.toBeNull();
    await rig.kv.setSecret('secret:v1:client-secret', 'wrong~secret-value-000000');
    const tokenRequestsBefore = rig.graph.tokenRequestCount();

    const starts = await tickFor(rig, 30);
    // Hourly schedule: 30 attempts without back-off. With it, the gaps grow.
    expect(starts.length).toBeLessThanOrEqual(7);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    for (let i = 1; i < gaps.length; i++) expect(gaps[i] as number).toBeGreaterThanOrEqual(gaps[i - 1] as number);
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(7 * HOUR);
    expect(rig.graph.tokenRequestCount() - tokenRequestsBefore).toBeLessThanOrEqual(starts.length * 3);

    const view = await status(rig);
    expect(view.consecutiveFailures).toBe(starts.length);
    const codes = view.alerts.map((a) => a.code);
    expect(codes).toEqual(expect.arrayContaining(['repeated-failure', 'no-recent-success']));
    const repeated = view.alerts.find((a) => a.code === 'repeated-failure');
    expect(repeated).toMatchObject({
      level: 'error',
      message: expect.stringContaining(`last ${view.consecutiveFailures} syncs failed`),
    });
    expect(view.alerts.find((a) => a.code === 'no-recent-success')?.message).toMatch(/No successful sync in \d+ hours/);
    expect(view.nextScheduledRunAt).toBeGreaterThan(rig.clock.now());

    // The run record of each failure says why.
    const last = (await rig.app.resolve('getRun', {}, asDemoAdmin)) as Envelope<RunDetail>;
    expect(last.ok && { status: last.data.status, code: last.data.error?.code }).toEqual({
      status: 'failed',
      code: expect.stringMatching(/secret|client|token/),
    });

    // Right when an un-backed-off schedule would start again, the tick declines.
    const lastStart = starts[starts.length - 1] as number;
    rig.clock.advance(Math.max(0, lastStart + HOUR - rig.clock.now()));
    expect(await rig.app.onScheduledTick()).toBe('not-due');

    // Fixing the secret and a Sync now that succeeds clears the streak and the alerts.
    await rig.kv.setSecret('secret:v1:client-secret', String(scenarioFile('demo').settings.clientSecret));
    const started = (await rig.app.resolve('syncNow', {}, asDemoAdmin)) as Envelope<{ id: string }>;
    expect(started.ok).toBe(true);
    if (started.ok) await drive(rig, started.data.id);
    const cleared = await status(rig);
    expect(cleared.consecutiveFailures).toBe(0);
    expect(cleared.alerts.map((a) => a.code)).not.toEqual(expect.arrayContaining(['repeated-failure']));
    expect(cleared.alerts.map((a) => a.code)).not.toContain('no-recent-success');
  });

  it('one failure is not yet an alert; the second is', async () => {
    await rig.kv.setSecret('secret:v1:client-secret', 'wrong~secret-value-000000');
    expect(await tickFor(rig, 0.1)).toHaveLength(1);
    expect((await status(rig)).alerts.map((a) => a.code)).not.toContain('repeated-failure');
    rig.clock.advance(HOUR);
    expect(await tickFor(rig, 0.1)).toHaveLength(1);
    const view = await status(rig);
    expect(view.consecutiveFailures).toBe(2);
    expect(view.alerts.map((a) => a.code)).toContain('repeated-failure');
  });
});
