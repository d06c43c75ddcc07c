import type { Settings } from '../../settings/schema';
import { withoutSecrets } from '../../settings/settings-store';
import type { RunTrigger } from '../../shared/resolver-contract';
import type { EngineDeps } from './deps';
import type { RunActor, RunRecord } from './record';
import { isFinished } from './record';
import { firstCursor } from './phases';
import { acquireRunLock } from './lock';
import { addToHistory, loadRun, runIds, saveRun } from './store';
import { incrementalBlocker, loadSnapshotMeta } from '../state/snapshot';

export interface StartRunRequest {
  trigger: RunTrigger;
  mode: 'preview' | 'apply';
  settings: Settings;
  actor: RunActor;
  /** The held run whose staged removals this run may apply (see approvals.ts). */
  approves?: string;
  /** `auto`: incremental when the last full run allows it (scheduled runs); default full. */
  kind?: 'full' | 'incremental' | 'auto';
  /** The admin who started it (absent for the schedule), named on a held run it supersedes. */
  startedBy?: { accountId: string; name: string | null };
}

/** Previews, approvals and manual runs are full; `auto` and `incremental` continue from the snapshot when they can. */
async function chooseKind(
  deps: EngineDeps,
  request: StartRunRequest,
  now: number,
): Promise<{ kind: 'full' | 'incremental'; why: string | null }> {
  if (request.mode === 'preview' || request.approves || !request.kind || request.kind === 'full')
    return { kind: 'full', why: null };
  const blocker = incrementalBlocker(await loadSnapshotMeta(deps.kv), request.settings, now);
  return blocker === null ? { kind: 'incremental', why: null } : { kind: 'full', why: blocker };
}

/**
 * Claims the run lock, records a queued run and enqueues its first step. Throws `run-in-progress`
 * when another run holds the lock (a scheduled tick then simply does nothing).
 */
export async function startRun(deps: EngineDeps, request: StartRunRequest): Promise<RunRecord> {
  const now = deps.clock.now();
  const runId = deps.newId();
  await acquireRunLock(deps.kv, runId, now, deps.limits.leaseMs, async (id) => {
    const holder = await loadRun(deps.kv, id);
    return holder !== undefined && isFinished(holder.summary.status);
  });
  const choice = await chooseKind(deps, request, now);
  const run: RunRecord = {
    summary: {
      id: runId,
      trigger: request.trigger,
      mode: request.mode,
      kind: choice.kind,
      status: 'queued',
      phase: 'read-source',
      progress: { done: 0, total: 0 },
      startedAt: now,
      finishedAt: null,
      counts: { creates: 0, adds: 0, removals: 0, failed: 0, usersInScope: 0, notInJira: 0 },
      calls: { graph: 0, jira: 0, jiraWrites: 0, throttled: 0 },
      jiraPoints: 0,
      error: null,
      warnings: choice.why ? [`Full run: ${choice.why}.`] : [],
      phaseTimings: {},
      ...(request.approves ? { approves: request.approves } : {}),
    },
    // A run record is plain storage: it never holds a secret, whoever started the run.
    settings: withoutSecrets(request.settings),
    actor: request.actor,
    cursor: firstCursor(choice.kind),
    step: 0,
    retries: 0,
    planChunks: 0,
    updatedAt: now,
  };
  await supersedeHeldRun(deps, request, runId, now);
  await saveRun(deps.kv, run);
  await addToHistory(deps.kv, runId);
  await deps.queue.push([{ body: { runId, seq: 0 } }]);
  return run;
}

/**
 * A held run can be approved only while it is the newest run (approvals.ts), so a new run ends its
 * wait: it is marked superseded, naming who started the new run, rather than shown as held forever.
 */
async function supersedeHeldRun(deps: EngineDeps, request: StartRunRequest, runId: string, now: number): Promise<void> {
  const newestId = (await runIds(deps.kv))[0];
  if (!newestId || newestId === request.approves) return;
  const held = await loadRun(deps.kv, newestId);
  if (!held || held.summary.status !== 'needs-approval' || held.summary.resolution) return;
  held.summary.resolution = {
    state: 'superseded',
    by: request.startedBy?.accountId ?? null,
    byName: request.startedBy?.name ?? null,
    at: now,
    followUpRunId: runId,
  };
  await saveRun(deps.kv, held);
}
