/** Runs as the admin page sees them (part of the resolver contract). */

import type { ErrorInfo } from './error-info';

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'needs-approval' | 'previewed' | 'cancelled';
export type RunTrigger = 'manual' | 'scheduled' | 'cli' | 'change-notification';
export type ChangeOp = 'createGroup' | 'addMember' | 'removeMember' | 'createUser';
export type ChangeResult = 'applied' | 'planned' | 'failed' | 'skipped';

export interface ChangeRow {
  op: ChangeOp;
  group: string;
  email: string | null;
  result: ChangeResult;
  /** For a change that failed: why (Jira's answer or the reason it could not be tried). */
  error?: ErrorInfo;
}

export interface UserRow {
  entraId: string;
  identifier: string | null;
  outcome: string;
  reason: string;
}

/**
 * Where a run is: its stages in order (the engine's phase table), `apply-parts` while the apply
 * stage is fanned out, `finish` while an apply run records its result (still running), then done.
 */
export type Phase = 'read-source' | 'read-target' | 'plan' | 'apply' | 'apply-parts' | 'finish' | 'done';

export interface RunSummary {
  id: string;
  trigger: RunTrigger;
  mode: 'preview' | 'apply';
  /** Full: reads everything; incremental: applies only what changed in Entra since the last run. */
  kind: 'full' | 'incremental';
  status: RunStatus;
  phase: Phase;
  /** Work units done and known so far in the current phase. */
  progress: { done: number; total: number };
  startedAt: number;
  finishedAt: number | null;
  counts: { creates: number; adds: number; removals: number; failed: number; usersInScope: number; notInJira: number };
  calls: { graph: number; jira: number; jiraWrites: number; throttled: number };
  error: ErrorInfo | null;
  warnings: string[];
  /** Milliseconds of work spent in each phase (read-source, read-target, plan, apply). */
  phaseTimings: Partial<Record<Phase, number>>;
  /**
   * For a run held for approval: what the admin decided (or the later run that replaced it), who
   * (account ID, null for the schedule) and their name when known, and the run that followed.
   */
  resolution?: {
    state: 'approved' | 'discarded' | 'superseded';
    by: string | null;
    byName?: string | null;
    at: number;
    followUpRunId: string | null;
  };
  /** Apply runs, once finished: the changes Jira actually took, by kind (planned counts are in `counts`). */
  applied?: AppliedCounts;
  /** For a run started by an approval: the held run it applies. */
  approves?: string;
  /** Jira points the run's requests cost by Atlassian's published costs (0 when the API-token identity is exempt); absent on runs recorded before points were counted. */
  jiraPoints?: number;
  /** Drift repair in this run; absent when no managed group was due (and on runs recorded before it). */
  driftRepair?: DriftRepairSummary;
}

/** The managed groups a run's drift repair re-read (runs recorded before names and failures were kept have `groups` and `of` only). */
export interface DriftRepairSummary {
  /** Due groups read whole and compared with Entra (their repairs are the run's changes). */
  groups: number;
  /** Managed groups in the cycle. */
  of: number;
  /** Groups due this run. */
  due?: number;
  /** Jira names of the groups read whole (the first 20). */
  read?: string[];
  /** Jira names of the due groups whose read failed: left as they are, a warning says why (the first 20). */
  failed?: string[];
  /** Due groups whose read failed. */
  failedCount?: number;
  /** Groups of the cycle reached once this run's are (its failed ones included: they wait for the next cycle). */
  cycleRead?: number;
}

export interface AppliedCounts {
  creates: number;
  adds: number;
  removals: number;
}

/** Writes to Jira: planned (not skipped), done (applied or failed), and what was applied by kind; read from the plan as it is applied. */
export interface WriteProgress {
  planned: number;
  done: number;
  failed: number;
  applied: AppliedCounts;
}

export interface RunDetail extends RunSummary {
  writes: WriteProgress;
  /** The first changes and users (getRun caps them to keep the answer under Forge's 5 MB); getRunLog pages through all. */
  changes: ChangeRow[];
  users: UserRow[];
  totalChanges: number;
  totalUsers: number;
}

export interface ExplainStep {
  /** e.g. 'entra-user', 'scope', 'match', 'group', 'change'. */
  kind: string;
  ok: boolean;
  title: string;
  detail: string;
}

export interface ExplainGroup {
  jiraGroup: string;
  entraGroup: string;
  /** Entra group names from the chosen group down to the user's direct group (nesting path), when known. */
  path: string[];
  state: string;
  planned: ChangeRow[];
}

export interface UserExplanation {
  query: string;
  /** Candidates when the query matched several users; empty when exactly one or none matched. */
  candidates: Array<{ entraId: string; displayName: string; identifier: string | null }>;
  user: {
    entraId: string;
    displayName: string;
    identifier: string | null;
    outcome: string;
    reason: string;
    accountId: string | null;
  } | null;
  steps: ExplainStep[];
  groups: ExplainGroup[];
  /** The run the answer is based on, and how far it got (its changes are planned, staged or applied). */
  runId: string | null;
  run?: Pick<RunSummary, 'mode' | 'status'>;
}
