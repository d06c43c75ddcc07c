import fc from 'fast-check';
import type { ScenarioFault } from '../../dev/scenario/scenario';
import type { EngineLimits } from '../../src/engine';
import { loadRun } from '../../src/engine';
import type { SyncEventBody } from '../../src/ports/work-queue';
import type { Envelope, RunSummary } from '../../src/shared/resolver-contract';
import type { Outcome } from '../helpers';
import {
  asDemoAdmin,
  baseline,
  deliver,
  drive,
  duplicates,
  outcomeOf,
  quietDemo,
  recordEssentials,
  scenarioFile,
  startRig,
  startSync,
} from '../helpers';

/**
 * At-least-once delivery (duplicates, concurrent duplicates, stale and future events, reordering),
 * 429 and 503 storms on Graph and Jira, token loss mid-run, and a scheduled tick racing Sync now.
 * Each faulty run must end as the uninterrupted run did, with every Jira write made once.
 */

const LIMITS: Partial<EngineLimits> = { stepBudgetMs: 0, applyBatchSize: 2 };
const TENANT = '6f1e2d3c-0000-4000-8000-00000000c0de';

let calm: Outcome;
beforeAll(async () => {
  calm = await baseline(quietDemo(), LIMITS);
});

function expectSameAsCalm(outcome: Outcome): void {
  expect({ status: outcome.detail.status, error: outcome.detail.error }).toEqual({ status: 'succeeded', error: null });
  expect(recordEssentials(outcome.detail)).toEqual(recordEssentials(calm.detail));
  expect(outcome.jira).toEqual(calm.jira);
  expect(outcome.writeCount).toBe(calm.writeCount);
  expect(duplicates(outcome.writes)).toEqual([]);
  expect(outcome.writes).toEqual(calm.writes);
}

type Chaos = 'deliver' | 'twice' | 'concurrent' | 'replay-old' | 'future' | 'reorder';

describe('duplicate and out-of-order delivery of continuation events', () => {
  it('every event delivered twice, and twice concurrently, changes nothing twice', async () => {
    for (const concurrent of [false, true]) {
      const rig = await startRig(quietDemo(), { limits: LIMITS });
      try {
        const runId = await startSync(rig);
        let events = 0;
        for (let next = rig.queue.takeNext(); next; next = rig.queue.takeNext()) {
          rig.clock.advance(next.dueAt - rig.clock.now());
          const body = next.body;
          if (concurrent) await Promise.all([deliver(rig, body), deliver(rig, body)]);
          else for (let i = 0; i < 2; i++) await deliver(rig, body);
          events++;
        }
        expectSameAsCalm(await outcomeOf(rig, runId, events));
      } finally {
        await rig.close();
      }
    }
  });

  it('property: any interleaving of duplicates, stale replays, future events and reordering ends as the calm run', async () => {
    const chaos = fc.array(
      fc.constantFrom<Chaos>('deliver', 'twice', 'concurrent', 'replay-old', 'future', 'reorder'),
      { minLength: 5, maxLength: 40 },
    );
    await fc.assert(
      fc.asyncProperty(chaos, fc.nat(), async (actions, pick) => {
        const rig = await startRig(quietDemo(), { limits: LIMITS });
        try {
          const runId = await startSync(rig);
          const history: SyncEventBody[] = [];
          for (const action of actions) {
            const next = rig.queue.takeNext();
            if (!next) break;
            rig.clock.advance(next.dueAt - rig.clock.now());
            const old = history[pick % Math.max(1, history.length)];
            if (action === 'reorder' && old) {
              // The live event is late; a stale one overtakes it.
              rig.queue.pending.push({ ...next, dueAt: rig.clock.now() + 30_000 });
              await deliver(rig, old);
              continue;
            }
            history.push(next.body);
            if (action === 'twice') {
              await deliver(rig, next.body);
              await deliver(rig, next.body);
            } else if (action === 'concurrent') await Promise.all([deliver(rig, next.body), deliver(rig, next.body)]);
            else if (action === 'replay-old' && old) {
              await deliver(rig, old);
              await deliver(rig, next.body);
              await deliver(rig, old);
            } else if (action === 'future') {
              const run = await loadRun(rig.kv, runId);
              await deliver(rig, { runId, seq: (run?.step ?? 0) + 1 + (pick % 3) });
              await deliver(rig, next.body);
            } else await deliver(rig, next.body);
          }
          const stats = await drive(rig, runId);
          expectSameAsCalm(await outcomeOf(rig, runId, stats.deliveries));
        } finally {
          await rig.close();
        }
      }),
      { numRuns: 40, seed: 8, endOnFailure: true },
    );
  });

  it('events for unknown runs and malformed bodies are ignored without side effects', async () => {
    const rig = await startRig(quietDemo(), { limits: LIMITS });
    try {
      const before = rig.kv.snapshot();
      for (const body of [
        null,
        42,
        'x',
        [],
        {},
        { runId: 1, seq: 0 },
        { runId: 'nope', seq: 0 },
        { runId: 'x', seq: '0' },
        { runId: '__proto__', seq: 0 },
      ]) {
        expect(await rig.app.onSyncEvent(body)).toEqual({ handled: 'ignored' });
      }
      expect(rig.kv.snapshot()).toBe(before);
      expect(rig.queue.pending).toHaveLength(0);
    } finally {
      await rig.close();
    }
  });
});

interface Storm {
  name: string;
  faults: ScenarioFault[];
}

const STORMS: Storm[] = [
  {
    name: 'Graph 429 storm with Retry-After',
    faults: [{ service: 'graph', path: '/v1.0', status: 429, times: 8, retryAfter: 30 }],
  },
  { name: 'Graph 503 storm without Retry-After', faults: [{ service: 'graph', path: '/v1.0', status: 503, times: 8 }] },
  {
    name: 'Graph 504 and token endpoint 503',
    faults: [
      { service: 'graph', path: '/v1.0/groups', status: 504, times: 4 },
      { service: 'graph', path: `/${TENANT}/oauth2`, status: 503, times: 3 },
    ],
  },
  {
    name: 'Jira 429 burst storm on every endpoint',
    faults: [
      {
        service: 'jira',
        path: '/rest/api/3',
        status: 429,
        times: 8,
        retryAfter: 2,
        rateLimitReason: 'jira-burst-based',
      },
    ],
  },
  {
    name: 'Jira 503 storm on every endpoint',
    faults: [{ service: 'jira', path: '/rest/api/3', status: 503, times: 8 }],
  },
  {
    name: 'Jira 503 storm on membership writes',
    faults: [{ service: 'jira', path: '/rest/api/3/group/user', method: 'POST', status: 503, times: 6 }],
  },
  {
    name: 'Jira hourly quota 429 on writes',
    faults: [
      {
        service: 'jira',
        path: '/rest/api/3/group',
        method: 'POST',
        status: 429,
        times: 2,
        retryAfter: 120,
        rateLimitReason: 'jira-quota-global-based',
      },
    ],
  },
  {
    name: 'Graph and Jira storms at once',
    faults: [
      { service: 'graph', path: '/v1.0', status: 429, times: 5, retryAfter: 5 },
      { service: 'jira', path: '/rest/api/3', status: 503, times: 5 },
    ],
  },
];

describe('429 and 503 storms on Graph and on Jira', () => {
  const runs: Array<[string, Storm, Partial<EngineLimits>]> = STORMS.flatMap(
    (storm): Array<[string, Storm, Partial<EngineLimits>]> => [
      [`${storm.name} (single-unit steps: waits become continuations)`, storm, LIMITS],
      [`${storm.name} (long steps: waits inside the invocation)`, storm, { applyBatchSize: 2 }],
    ],
  );
  it.each(runs)('%s', async (_name, storm, limits) => {
    const rig = await startRig(quietDemo(), { limits });
    try {
      const runId = await startSync(rig);
      // Faults start after Sync now was accepted, so they hit the run and not the caller check.
      for (const fault of storm.faults) (fault.service === 'graph' ? rig.graph : rig.jira).faults.add(fault);
      const stats = await drive(rig, runId);
      const outcome = await outcomeOf(rig, runId, stats.deliveries);
      expectSameAsCalm(outcome);
      const served = rig.requests.filter((r) => r.status === 429 || r.status === 503 || r.status === 504).length;
      expect(served).toBeGreaterThan(0);
    } finally {
      await rig.close();
    }
  });
});

describe('token expiry and revocation in the middle of a run', () => {
  it('Graph revoking every token before step k (any k) costs one new token, not the run', async () => {
    const failures: string[] = [];
    for (let k = 1; k <= calm.events; k++) {
      const rig = await startRig(quietDemo(), { limits: LIMITS });
      try {
        const runId = await startSync(rig);
        const stats = await drive(rig, runId, {
          before: (index) => (index === k ? rig.graph.revokeTokens() : undefined),
        });
        expectSameAsCalm(await outcomeOf(rig, runId, stats.deliveries));
      } catch (error) {
        failures.push(`step ${k}: ${String(error).slice(0, 300)}`);
      } finally {
        await rig.close();
      }
    }
    expect(failures).toEqual([]);
  });

  it('two hours pass between steps (the cached token is past its expiry): the run refreshes it and finishes', async () => {
    const rig = await startRig(quietDemo(), { limits: LIMITS });
    try {
      const runId = await startSync(rig);
      const tokensBefore = rig.graph.tokenRequestCount();
      const stats = await drive(rig, runId, {
        before: (index) => (index === 3 || index === 9 ? rig.clock.advance(2 * 3_600_000) : undefined),
      });
      expectSameAsCalm(await outcomeOf(rig, runId, stats.deliveries));
      expect(rig.graph.tokenRequestCount() - tokensBefore).toBeGreaterThanOrEqual(2);
    } finally {
      await rig.close();
    }
  });
});

describe('a scheduled tick and Sync now at the same moment', () => {
  it.each([['tick first'], ['Sync now first']])(
    '%s: exactly one run starts, the other is told a run is in progress, and the result is the calm one',
    async (order) => {
      const rig = await startRig(scenarioFile('demo'), { limits: LIMITS });
      try {
        const tick = () => rig.app.onScheduledTick();
        const sync = () => rig.app.resolve('syncNow', {}, asDemoAdmin) as Promise<Envelope<RunSummary>>;
        const [tickOutcome, syncAnswer] =
          order === 'tick first'
            ? await Promise.all([tick(), sync()])
            : await Promise.all([sync(), tick()]).then(([s, t]) => [t, s] as const);
        const started = [tickOutcome === 'started', syncAnswer.ok].filter(Boolean);
        expect(started).toHaveLength(1);
        if (!syncAnswer.ok) expect(syncAnswer.error.code).toBe('run-in-progress');
        else expect(tickOutcome).toBe('run-in-progress');
        const runs = (await rig.app.resolve('listRuns', {}, asDemoAdmin)) as Envelope<RunSummary[]>;
        expect(runs.ok && runs.data.length).toBe(1);
        const runId = runs.ok ? (runs.data[0] as RunSummary).id : '';
        const stats = await drive(rig, runId);
        expectSameAsCalm(await outcomeOf(rig, runId, stats.deliveries));
        const after = (await rig.app.resolve('listRuns', {}, asDemoAdmin)) as Envelope<RunSummary[]>;
        expect(after.ok && after.data.map((r) => r.status)).toEqual(['succeeded']);
      } finally {
        await rig.close();
      }
    },
  );

  it('ten ticks and ten Sync nows fired together start one run', async () => {
    const rig = await startRig(scenarioFile('demo'), { limits: LIMITS });
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0 ? rig.app.onScheduledTick() : rig.app.resolve('syncNow', {}, asDemoAdmin),
        ),
      );
      const started = answers.filter((a) => a === 'started' || (typeof a === 'object' && a.ok));
      expect(started).toHaveLength(1);
      const refusals = answers
        .filter((a) => typeof a === 'object' && !a.ok)
        .map((a) => (a as { error: { code: string } }).error.code);
      expect(new Set(refusals)).toEqual(new Set(['run-in-progress']));
      const runs = (await rig.app.resolve('listRuns', {}, asDemoAdmin)) as Envelope<RunSummary[]>;
      expect(runs.ok && runs.data.length).toBe(1);
    } finally {
      await rig.close();
    }
  });
});
