import { SyncError } from '../../core/errors';
import type { RunSummary } from '../../shared/resolver-contract';
import type { Settings } from '../../settings/schema';
import type { EngineDeps } from './deps';
import type { RunActor, RunRecord } from './record';
import { loadRun, runIds, saveRun } from './store';
import { startRun } from './start';

/** The admin deciding: account ID, and display name when Jira told it. */
export interface Approver {
  accountId: string;
  name: string | null;
}

async function heldRun(deps: EngineDeps, runId: string): Promise<RunRecord> {
  const run = await loadRun(deps.kv, runId);
  if (!run) throw new SyncError('run-not-found', `Run ${runId} does not exist.`);
  if (run.summary.status !== 'needs-approval')
    throw new SyncError('run-not-held', `Run ${runId} is ${run.summary.status}, not waiting for approval.`);
  if (run.summary.resolution)
    throw new SyncError('run-already-resolved', `Run ${runId} was already ${run.summary.resolution.state}.`);
  const newest = (await runIds(deps.kv))[0];
  if (newest !== runId)
    throw new SyncError(
      'run-superseded',
      `Run ${runId} is no longer the latest run; its plan may be out of date. Preview again.`,
    );
  return run;
}

/**
 * Approving a held run starts a new apply run that reads and plans again; it may pass the
 * circuit-breaker only with removals that were in the held plan (plan-phase.ts), so an approval
 * never covers changes the admin has not seen.
 */
export async function approveRun(
  deps: EngineDeps,
  runId: string,
  approver: Approver,
  settings: Settings,
  actor: RunActor,
): Promise<RunSummary> {
  const held = await heldRun(deps, runId);
  const followUp = await startRun(deps, {
    trigger: 'manual',
    mode: 'apply',
    settings,
    actor,
    approves: runId,
    startedBy: approver,
  });
  held.summary.resolution = {
    state: 'approved',
    by: approver.accountId,
    byName: approver.name,
    at: deps.clock.now(),
    followUpRunId: followUp.summary.id,
  };
  await saveRun(deps.kv, held);
  return followUp.summary;
}

export async function discardRun(deps: EngineDeps, runId: string, approver: Approver): Promise<RunSummary> {
  const held = await heldRun(deps, runId);
  held.summary.resolution = {
    state: 'discarded',
    by: approver.accountId,
    byName: approver.name,
    at: deps.clock.now(),
    followUpRunId: null,
  };
  await saveRun(deps.kv, held);
  return held.summary;
}
