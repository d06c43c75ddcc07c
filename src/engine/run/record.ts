import type { Settings } from '../../settings/schema';
import type { Phase, RunSummary } from '../../shared/resolver-contract';
import type { RunCursor, StageCursor } from './cursor';

export type { Phase, RunCursor };

/** Who writes to Jira for this run: fixed when the run starts so a settings change mid-run cannot switch it. */
export type RunActor = { mode: 'runAsAdmin'; accountId: string } | { mode: 'apiToken'; email: string };

export interface RunRecord {
  summary: RunSummary;
  settings: Settings;
  actor: RunActor;
  cursor: RunCursor;
  /** The sequence number the next continuation event must carry (duplicates are ignored). */
  step: number;
  /** Consecutive retryable failures; a run that keeps failing ends instead of looping forever. */
  retries: number;
  /** Plan chunk count once planned. */
  planChunks: number;
  /** Managed memberships the plan started from (the snapshot carries it forward). */
  managedMembershipsBefore?: number;
  /** The run waits for its apply parts (stages/apply/parts.ts): the step pushes no continuation. */
  waitingForParts?: boolean;
  /** Parts to start once this checkpoint is saved (never before: a part needs the saved phase). */
  partsToStart?: number[];
  updatedAt: number;
}

/** A run's cursor as it starts `stage` (the first stage of its kind, or of a full run after an expiry). */
export function startCursor(stage: StageCursor): RunCursor {
  return { checked: false, chunks: {}, delta: { newUsersLink: null, newGroupsLink: null }, stage };
}

export function isFinished(status: RunSummary['status']): boolean {
  return status !== 'queued' && status !== 'running';
}
