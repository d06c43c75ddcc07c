import { BENCH_ADMIN, generateTenant } from '../../bench/tenant-generator';
import type { EngineLimits } from '../../src/engine';
import { loadRun } from '../../src/engine';
import type { Envelope, StatusView } from '../../src/shared/resolver-contract';
import type { DriveStats, Rig, RigOptions } from '../helpers';
import { detailOf, drive, recordEssentials, startRig, startSync } from '../helpers';

/**
 * The end of an apply run (settling outcomes, scanning the member pages, the user index, the
 * snapshot) is a phase of bounded units: one that cannot fit an invocation spreads over several,
 * a crash or a KVS throttle in it continues from the last stored unit, and every way ends with
 * the same stored snapshot, user index, outcomes and history as an end done in one step.
 */

jest.setTimeout(300_000);

const admin = { accountId: BENCH_ADMIN };
// Member pages over several KVS values, so the end has several member chunks to scan.
const tenant = () => generateTenant({ users: 1_500, groups: 6, seed: 12 }).scenario;
// One unit of work per invocation: the end cannot fit one.
const ONE_UNIT: Partial<EngineLimits> = { stepBudgetMs: 0, endChunksPerUnit: 1 };

const memberChunk = /^rundata:v1:[^:]+:entra-members:(\d+)$/;

/** Set by when the rig's run started and took its delta links (the virtual clock), not by how its end went. */
const TIMED = new Set(['fullAt', 'lastSuccessAt', 'usersDeltaLink', 'link', 'cycleStartedAt']);

/** What a run's end leaves, with the run's ID (a fresh one per rig) written as RUN and its times left out. */
async function endState(rig: Rig, runId: string) {
  const detail = await detailOf(rig, runId);
  const stored = Object.entries(rig.kv.dump()).filter(([key]) =>
    /^(snapshot:|drift:v1:cursor|budget:|health:v1:runs)/.test(key),
  );
  const runs = (await rig.app.resolve('listRuns', {}, admin)) as Envelope<Array<Record<string, unknown>>>;
  const history = runs.ok
    ? runs.data.map(({ status, applied, counts, error }) => ({ status, applied, counts, error }))
    : runs;
  return JSON.parse(
    JSON.stringify(
      { stored, essentials: detail && recordEssentials(detail), applied: detail?.applied, history },
      (key, value: unknown) => (TIMED.has(key) ? typeof value : value),
    ).replaceAll(runId, 'RUN'),
  ) as unknown;
}

interface EndRun {
  rig: Rig;
  runId: string;
  /** Deliveries that found the run recording its end, and the status the run showed then. */
  finishing: Array<{ status: string; activeRun: string | null; syncNow: string }>;
  /** Reads of each member chunk in the whole run (the plan reads each once, the end once). */
  memberReads: number[];
  stats: DriveStats;
}

async function syncAndEnd(
  options: RigOptions,
  arm?: { start?: (rig: Rig) => void; finishing?: (rig: Rig, finishingDelivery: number) => void },
): Promise<EndRun> {
  const rig = await startRig(tenant(), options);
  const runId = await startSync(rig, admin);
  const finishing: EndRun['finishing'] = [];
  const memberReads: number[] = [];
  const get = rig.kv.get.bind(rig.kv);
  rig.kv.get = async <T>(key: string) => {
    const value = await get<T>(key);
    const chunk = memberChunk.exec(key);
    if (chunk) memberReads[Number(chunk[1])] = (memberReads[Number(chunk[1])] ?? 0) + 1;
    return value;
  };
  arm?.start?.(rig);
  const stats = await drive(rig, runId, {
    maxSteps: 5_000,
    before: async () => {
      const run = (await loadRun(rig.kv, runId))!.summary;
      if (run.phase !== 'finish') return;
      const status = (await rig.app.resolve('getStatus', {}, admin)) as Envelope<StatusView>;
      const again = await rig.app.resolve('syncNow', {}, admin);
      finishing.push({
        status: run.status,
        activeRun: status.ok ? (status.data.activeRun?.id ?? null) : 'no status',
        syncNow: again.ok ? 'accepted' : again.error.code,
      });
      arm?.finishing?.(rig, finishing.length);
    },
  });
  return { rig, runId, finishing, memberReads, stats };
}

describe('the end of an apply run, in resumable units', () => {
  let oneStep: { state: unknown; chunks: number };
  const readTwice = () => Array.from({ length: oneStep.chunks }, () => 2);
  beforeAll(async () => {
    const { rig, runId, finishing, memberReads } = await syncAndEnd({});
    try {
      const chunks = (await loadRun(rig.kv, runId))!.cursor.chunks['entra-members'] ?? 0;
      oneStep = { state: await endState(rig, runId), chunks };
      // With the step's budget, the end fits the invocation that applied the last change.
      expect(finishing).toEqual([]);
      expect(oneStep.chunks).toBeGreaterThanOrEqual(3);
      expect(memberReads).toEqual(readTwice());
      expect(oneStep.state).toMatchObject({ essentials: { status: 'succeeded' } });
    } finally {
      await rig.close();
    }
  });

  it('an end that cannot fit one invocation spreads over several, running and locked until recorded, and ends the same', async () => {
    const { rig, runId, finishing, memberReads } = await syncAndEnd({ limits: ONE_UNIT });
    try {
      expect(finishing.length).toBeGreaterThan(oneStep.chunks);
      // Truthful while it records: running, the active run, and no new run may start on a half-saved snapshot.
      expect(new Set(finishing.map((f) => JSON.stringify(f)))).toEqual(
        new Set([JSON.stringify({ status: 'running', activeRun: runId, syncNow: 'run-in-progress' })]),
      );
      expect(memberReads).toEqual(readTwice());
      expect(await endState(rig, runId)).toEqual(oneStep.state);
    } finally {
      await rig.close();
    }
  });

  it.each([1, 2, 3, 5, 8])(
    'a crash after KVS write %i of several end invocations: the retries converge to the same end',
    async (effect) => {
      const { rig, runId, finishing, stats } = await syncAndEnd(
        { limits: ONE_UNIT },
        {
          // Kill every third finishing invocation part-way, at a different point each test.
          finishing: (r, delivery) => {
            if (delivery % 3 === 1) r.process.killAfterEffect = effect;
          },
        },
      );
      try {
        expect(finishing.length).toBeGreaterThan(oneStep.chunks);
        expect(stats.crashed).toBeGreaterThan(1);
        expect(await endState(rig, runId)).toEqual(oneStep.state);
      } finally {
        await rig.close();
      }
    },
  );

  it('a KVS throttle mid-end is a delayed continuation that continues: no member chunk is read twice', async () => {
    let refused = 0;
    const last = `entra-members:${String(oneStep.chunks - 1).padStart(6, '0')}`;
    const { rig, runId, memberReads } = await syncAndEnd(
      {},
      {
        start: (r) => {
          const budgets = r.app.runtime.budgets;
          const admit = budgets.kvsAdmit.bind(budgets);
          let reads = 0;
          // The end's read of the last member chunk (the plan read it first) finds the installation's
          // minute spent by others, and again after the wait inside the step.
          budgets.kvsAdmit = (key, writeBytes) => {
            if (key.endsWith(last) && writeBytes === null && ++reads >= 2 && refused < 2) {
              refused++;
              return new Response(JSON.stringify({ code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded' }), {
                status: 429,
              });
            }
            return admit(key, writeBytes);
          };
        },
      },
    );
    try {
      expect(refused).toBe(2);
      expect(memberReads).toEqual(readTwice());
      expect(await endState(rig, runId)).toEqual(oneStep.state);
    } finally {
      await rig.close();
    }
  });
});
