import type { DriftCursor } from '../../core/drift-repair';
import type { Settings } from '../../settings/schema';
import type { Phase, RunSummary } from '../../shared/resolver-contract';

export type { Phase };

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
  /** Lists read again from page one after an expired paging link (bounded; absent = none). */
  listRestarts?: number;
  targetsResolved: boolean;
  jiraUsersStartAt: number | null;
  emailsDone: boolean;
  memberTargetIndex: number;
  /** Next startAt of each managed group being read (null: fully read), for the groups read at once. */
  memberPositions?: Record<string, number | null>;
  /** Apply position: plan chunk and index inside it. */
  applyChunk: number;
  applyIndex: number;
  /** Sequence counters of the stored data chunks. */
  chunks: Record<string, number>;
  delta: DeltaCursor;
  /** Incremental runs: the managed groups re-read to repair drift (absent: none due, or not chosen yet). */
  drift?: DriftRunCursor;
}

/** The drift-repair slice of one incremental run (src/core/drift-repair.ts) and how far it got. */
export interface DriftRunCursor {
  groupIds: string[];
  /** Their Jira names, for the run record (absent on a run started before names were kept). */
  names?: string[];
  of: number;
  /** The cycle's place once this run succeeds. */
  after: DriftCursor;
  /** The slice group being read and its next page. */
  index: number;
  startAt: number;
  /** Groups whose read failed: nothing is changed in them. */
  failed: string[];
  usersDone: boolean;
  emailsDone: boolean;
  /** Points the drift reads cost, left out of the incremental runs' measure. */
  points: number;
}

/** Delta-query positions: a full run records the links to continue from; an incremental run follows them. */
export interface DeltaCursor {
  /** Full runs: whether the "from now" links were taken before reading (so nothing is missed). */
  latestTaken: boolean;
  /** The users delta round: where to continue, and the link the round ended with. */
  usersLink: string | null;
  usersDone: boolean;
  groupsLink: string | null;
  groupsDone: boolean;
  newUsersLink: string | null;
  newGroupsLink: string | null;
  /** Incremental runs: chosen groups to read again because their membership changed. */
  rootsToRead: string[] | null;
  affectedIndex: number;
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
  /** Managed memberships the plan started from (the snapshot carries it forward). */
  managedMembershipsBefore?: number;
  /** The run waits for its apply parts (apply-parts.ts): the step pushes no continuation. */
  waitingForParts?: boolean;
  /** Parts to start once this checkpoint is saved (never before: a part needs the saved phase). */
  partsToStart?: number[];
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
    applyChunk: 0,
    applyIndex: 0,
    chunks: {},
    delta: {
      latestTaken: false,
      usersLink: null,
      usersDone: false,
      groupsLink: null,
      groupsDone: false,
      newUsersLink: null,
      newGroupsLink: null,
      rootsToRead: null,
      affectedIndex: 0,
    },
  };
}

export function isFinished(status: RunSummary['status']): boolean {
  return status !== 'queued' && status !== 'running';
}
