import type { DriftCursor } from '../../core/drift-repair';
import type { AppliedCounts, ErrorInfo, Phase, RunSummary } from '../../shared/resolver-contract';
import type { RunDataCounts } from './run-data';

/** Full reads everything; incremental continues from the snapshot. Chosen once, when the run starts. */
export type RunKind = RunSummary['kind'];

/**
 * Where a run stopped: a small common part every stage may read, and the cursor of the stage it
 * is in. Every field is a resumable position, never in-memory state; it is saved with the record
 * after every step.
 */
export interface RunCursor {
  /** The credentials, the write identity (full runs that write) and the secret's expiry were checked. */
  checked: boolean;
  /** Chunks written so far of each kind of run data (RUN_DATA counts them; absent: never written). */
  chunks: RunDataCounts;
  /** The delta links the next incremental run continues from, once read-entra took them. */
  delta: DeltaLinks;
  /** Incremental runs: the managed groups re-read to repair drift (absent: none due, or not chosen yet). */
  drift?: DriftRunCursor;
  /** The cursor of the stage the run is in (of the last one it worked in, once it ended). */
  stage: StageCursor;
}

export interface DeltaLinks {
  newUsersLink: string | null;
  newGroupsLink: string | null;
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

/** The chosen group whose transitive members are being read, and its next page (null: the first). */
export interface MembersPosition {
  index: number;
  next: string | null;
}

/** read-source, full: "from now" delta links, the chosen groups, (scope `all`) every user, each group's members. */
export interface ReadEntraFullCursor {
  phase: 'read-source';
  kind: 'full';
  task: 'latest-links' | 'groups' | 'users' | 'members';
  /** The next /users page (null: the first). */
  usersNext: string | null;
  members: MembersPosition;
  /** Lists read again from page one after an expired paging link (bounded). */
  listRestarts: number;
}

/** read-source, incremental: the stored groups, the users and groups delta rounds, the changed chosen groups read again. */
export interface ReadEntraIncrementalCursor {
  phase: 'read-source';
  kind: 'incremental';
  task: 'groups' | 'users-delta' | 'groups-delta' | 'changed-roots' | 'members';
  /** Where each delta round continues (null: from the snapshot's link). */
  usersLink: string | null;
  groupsLink: string | null;
  /** The chosen groups whose tree changed, to read again (known from task `members` on). */
  roots: string[];
  members: MembersPosition;
  listRestarts: number;
}

/** read-target, full: the group targets, every account, the hidden emails, every managed group's members. */
export interface ReadJiraFullCursor {
  phase: 'read-target';
  kind: 'full';
  task: 'targets' | 'accounts' | 'hidden-emails' | 'members';
  /** The next page of every account. */
  accountsStartAt: number;
  /** Managed groups fully read (in order), and the next page of each being read at once (null: read). */
  groupIndex: number;
  positions: Record<string, number | null>;
}

/** read-target, incremental: the changed users, the targets and drift slice, the slice's reads, then the lookups. */
export interface ReadJiraIncrementalCursor {
  phase: 'read-target';
  kind: 'incremental';
  task: 'changed-users' | 'targets' | 'drift' | 'lookups' | 'unfound';
  /** Changed users looked up so far. */
  lookupIndex: number;
}

export interface PlanCursor {
  phase: 'plan';
}

/** apply: the plan chunk and the position in it; the write identity is checked before the first change. */
export interface ApplyCursor {
  phase: 'apply';
  chunk: number;
  index: number;
  writerChecked: boolean;
}

/** apply-parts: the parts keep their own state (stages/apply/part-state.ts). */
export interface PartsCursor {
  phase: 'apply-parts';
}

/**
 * finish: an ended apply run records its result in bounded units (stages/finish): settle the
 * outcomes against the plan, then (when its changes stand) scan the member pages, build the user
 * index from them and save the snapshot, meta last. The status it ends with is recorded only then.
 */
export interface FinishCursor {
  phase: 'finish';
  ending: { status: RunSummary['status']; error: ErrorInfo | null };
  task: 'settle' | 'outcomes' | 'members' | 'users' | 'sizes' | 'index' | 'snapshot';
  /** The next plan, outcome, member or user chunk, shard (sizes) or bucket group (index). */
  next: number;
  /** What Jira took, counted from the plan chunks settled so far. */
  applied: AppliedCounts;
  /** Chunks of each stored part of the user index builder, by shard (user-index-parts.ts). */
  parts: number[][];
  /** Index bytes counted so far (sizes), then the bucket count (null: not known yet; 0: no index kept). */
  bytes: number;
  buckets: number | null;
}

export interface DoneCursor {
  phase: 'done';
}

export type StageCursor =
  | ReadEntraFullCursor
  | ReadEntraIncrementalCursor
  | ReadJiraFullCursor
  | ReadJiraIncrementalCursor
  | PlanCursor
  | ApplyCursor
  | PartsCursor
  | FinishCursor
  | DoneCursor;

type CursorOf<P extends Phase, K extends RunKind | undefined> = K extends RunKind
  ? Extract<StageCursor, { phase: P; kind: K }>
  : Extract<StageCursor, { phase: P }>;

/** The run's stage cursor as the stage `phase` (of `kind`) expects it; a mismatch is a defect, never guessed around. */
export function stageCursor<P extends Phase, K extends RunKind | undefined = undefined>(
  run: { summary: { id: string }; cursor: { stage: StageCursor } },
  phase: P,
  kind?: K,
): CursorOf<P, K> {
  const stage = run.cursor.stage;
  if (stage.phase !== phase || (kind !== undefined && (!('kind' in stage) || stage.kind !== kind)))
    throw new Error(`Run ${run.summary.id} has the cursor of ${describe(stage)}, not of ${phase} ${kind ?? ''}`);
  return stage as CursorOf<P, K>;
}

function describe(stage: StageCursor): string {
  return 'kind' in stage ? `${stage.phase} ${stage.kind}` : stage.phase;
}
