import type { EngineLimits } from '../../src/engine';
import type { Envelope, StatusView } from '../../src/shared/resolver-contract';
import type { Outcome, Rig } from '../helpers';
import {
  asDemoAdmin,
  baseline,
  drive,
  duplicates,
  outcomeOf,
  quietDemo,
  recordEssentials,
  startRig,
  startSync,
} from '../helpers';

/**
 * Crash at every step: an uninterrupted run of the demo tenant is cut into single-unit steps; then,
 * for each step k, the process dies (every storage call, push and request fails) right before the
 * step's checkpoint, right after it, right after each Jira write, or one KVS write fails. The run
 * is resumed as Forge would (the event is retried; the five-minute tick nudges a stalled run) and
 * must end exactly as the uninterrupted run did.
 */

// One unit of work per invocation and two operations per apply batch: many steps, many crash points.
const LIMITS: Partial<EngineLimits> = { stepBudgetMs: 0, applyBatchSize: 2 };

let calm: Outcome;

beforeAll(async () => {
  calm = await baseline(quietDemo(), LIMITS);
});

async function faultyRun(arm: (rig: Rig, index: number) => void): Promise<{ rig: Rig; outcome: Outcome }> {
  const rig = await startRig(quietDemo(), { limits: LIMITS });
  const runId = await startSync(rig);
  const stats = await drive(rig, runId, { before: (index) => arm(rig, index) });
  return { rig, outcome: await outcomeOf(rig, runId, stats.deliveries) };
}

/** After the run, nothing is stuck: no active run, health recorded, and a new Sync now is accepted. */
async function expectSettled(rig: Rig): Promise<void> {
  const status = (await rig.app.resolve('getStatus', {}, asDemoAdmin)) as Envelope<StatusView>;
  const again = await rig.app.resolve('syncNow', {}, asDemoAdmin);
  expect({
    activeRun: status.ok ? status.data.activeRun : 'no status',
    consecutiveFailures: status.ok ? status.data.consecutiveFailures : 'no status',
    successRecordedInHealth: status.ok && status.data.lastSuccessAt !== null,
    nextSyncNow: again.ok ? 'accepted' : again.error.code,
  }).toEqual({ activeRun: null, consecutiveFailures: 0, successRecordedInHealth: true, nextSyncNow: 'accepted' });
}

/** Runs `check` for every step k of the yardstick run and reports every failing step at once. */
async function everyStep(check: (k: number) => Promise<void>): Promise<string[]> {
  const failures: string[] = [];
  for (let k = 1; k <= calm.events; k++) {
    try {
      await check(k);
    } catch (error) {
      failures.push(
        `step ${k}: ${(error instanceof Error ? error.message : String(error)).split('\n').slice(0, 12).join(' ').replace(/\s+/g, ' ').slice(0, 600)}`,
      );
    }
  }
  return failures;
}

function expectSameAsCalm(outcome: Outcome, { exactWrites }: { exactWrites: boolean }): void {
  expect({ status: outcome.detail.status, error: outcome.detail.error?.message ?? null }).toEqual({
    status: calm.detail.status,
    error: calm.detail.error,
  });
  expect(recordEssentials(outcome.detail)).toEqual(recordEssentials(calm.detail));
  expect(outcome.jira).toEqual(calm.jira);
  expect([...new Set(outcome.writes)].sort()).toEqual([...new Set(calm.writes)].sort());
  if (exactWrites) {
    expect(outcome.writeCount).toBe(calm.writeCount);
    expect(duplicates(outcome.writes)).toEqual([]);
  }
}

describe('the uninterrupted yardstick', () => {
  it('succeeds in many single-unit steps with every change applied once', () => {
    expect(calm.detail.status).toBe('succeeded');
    expect(calm.events).toBeGreaterThanOrEqual(10);
    expect(calm.writeCount).toBe(calm.detail.changes.filter((c) => c.result === 'applied').length);
    expect(duplicates(calm.writes)).toEqual([]);
  });
});

/** For every step k: kill the process at `where` in step k, resume, and compare with the calm run. */
async function expectEveryStepRecovers(where: 'killBeforeCheckpoint' | 'killAfterCheckpoint'): Promise<void> {
  const failures = await everyStep(async (k) => {
    const { rig, outcome } = await faultyRun((r, index) => {
      if (index === k) r.process[where] = true;
    });
    try {
      expectSameAsCalm(outcome, { exactWrites: true });
      await expectSettled(rig);
    } finally {
      await rig.close();
    }
  });
  expect(failures).toEqual([]);
}

describe('the process dies right before step k checkpoints, and the run resumes', () => {
  it('every step k', () => expectEveryStepRecovers('killBeforeCheckpoint'));
});

describe('the process dies right after step k checkpoints (before its continuation), and the run resumes', () => {
  it('every step k', () => expectEveryStepRecovers('killAfterCheckpoint'));
});

describe('the process dies right after a Jira write, before the write is recorded', () => {
  it('resumes to the same Jira state and run record; a repeated write is idempotent and limited to the interrupted batch', async () => {
    const points = calm.writesPerDelivery.flatMap((writes, i) =>
      Array.from({ length: writes }, (_, j) => [i + 1, j + 1] as const),
    );
    expect(points.length).toBe(calm.writeCount);
    const failures: string[] = [];
    for (const [k, w] of points) {
      const { rig, outcome } = await faultyRun((r, index) => {
        if (index === k) r.process.killAfterJiraWrite = w;
      });
      try {
        expectSameAsCalm(outcome, { exactWrites: false });
        // Only writes of the interrupted batch (sent before the crash, possibly in parallel) may be sent again.
        const batch = LIMITS.applyBatchSize as number;
        expect({
          extraWrites: outcome.writeCount - calm.writeCount <= batch,
          repeated: duplicates(outcome.writes).length <= batch,
        }).toEqual({ extraWrites: true, repeated: true });
        await expectSettled(rig);
      } catch (error) {
        failures.push(
          `step ${k}, after write ${w}: ${outcome.writeCount - calm.writeCount} extra writes, repeated ${JSON.stringify(duplicates(outcome.writes))}; ${String(error).replace(/\s+/g, ' ').slice(0, 200)}`,
        );
      } finally {
        await rig.close();
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('one KVS write fails (the store throws once) during step k', () => {
  it('every step k: the first run-data write fails, or the checkpoint write when the step writes no run data', async () => {
    const failures = await everyStep(async (k) => {
      const { rig, outcome } = await faultyRun((r, index) => {
        if (index !== k) return;
        let seen = false;
        r.kv.failNextSet = (key) => {
          if (key.startsWith('rundata:') || key.startsWith('run:v1:')) seen = true;
          return seen;
        };
      });
      try {
        expectSameAsCalm(outcome, { exactWrites: true });
        await expectSettled(rig);
      } finally {
        await rig.close();
      }
    });
    expect(failures).toEqual([]);
  });
});
