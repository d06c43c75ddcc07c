import type { Settings } from '../settings/schema';
import type { RunSummary } from '../shared/resolver-contract';

export type Phase = 'read-source' | 'read-target' | 'plan' | 'apply' | 'done';

/** Who writes to Jira for this run: fixed when the run starts so a settings change mid-run cannot switch it. */
export type RunActor = { mode: 'runAsAdmin'; accountId: string } | { mode: 'apiToken'; email: string };

/** Where each phase stopped; every field is a resumable position, never in-memory state. */
export interface RunCursor {
  checked: boolean;
  entraGroupsRead: boolean;
  /** Mode `all`: the next /users page (null before the first page), and whether it is done. */
  usersNext: string | null;
  usersDone: boolean;
  groupIndex: number;
  groupNext: string | null;
  targetsResolved: boolean;
  jiraUsersStartAt: number | null;
  emailsDone: boolean;
  memberTargetIndex: number;
  memberStartAt: number;
  /** Apply position: plan chunk and index inside it. */
  applyChunk: number;
  applyIndex: number;
  /** Sequence counters of the stored data chunks. */
  chunks: Record<string, number>;
}

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
  updatedAt: number;
}

export function emptyCursor(): RunCursor {
  return {
    checked: false,
    entraGroupsRead: false,
    usersNext: null,
    usersDone: false,
    groupIndex: 0,
    groupNext: null,
    targetsResolved: false,
    jiraUsersStartAt: 0,
    emailsDone: false,
    memberTargetIndex: 0,
    memberStartAt: 0,
    applyChunk: 0,
    applyIndex: 0,
    chunks: {},
  };
}

export function isFinished(status: RunSummary['status']): boolean {
  return status !== 'queued' && status !== 'running';
}
