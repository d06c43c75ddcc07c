/**
 * What the admin page and the resolvers agree on: resolver names, payloads and results.
 * Types only (the Custom UI imports this file too), so no runtime code lives here.
 */

export interface ErrorInfo {
  code: string;
  message: string;
  /** For invalid settings or payloads: each bad field's path (e.g. "scope.groupIds.0") and why. */
  fields?: Array<{ path: string; message: string }>;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

export type Cloud = 'global' | 'usgov' | 'usgov-dod' | 'china';

/** Settings as the page sees them: never a secret, only whether one is set and its last characters. */
export interface SettingsView {
  settings: Record<string, unknown> | null;
  secrets: {
    clientSecret: SecretState;
    apiToken: SecretState;
  };
}

export interface SecretState {
  set: boolean;
  /** e.g. "…a1b2": the last four characters, shown so the admin can tell which secret is stored. */
  hint: string | null;
}

export interface ConnectionReport {
  token: { ok: boolean; error: ErrorInfo | null };
  permissions: Array<{ permission: string; granted: boolean; optional: boolean; neededFor: string; fix: string | null }>;
  /** The client secret's expiry, read now (or why it cannot be read). */
  secretExpiry: { endDateTime: string | null; daysLeft: number | null; readable: boolean; message: string } | null;
  writeIdentity: { ok: boolean; accountId: string | null; displayName: string | null; error: ErrorInfo | null };
}

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

export interface RunSummary {
  id: string;
  trigger: RunTrigger;
  mode: 'preview' | 'apply';
  /** Full: reads everything; incremental: applies only what changed in Entra since the last run. */
  kind: 'full' | 'incremental';
  status: RunStatus;
  phase: string;
  /** Work units done and known so far in the current phase. */
  progress: { done: number; total: number };
  startedAt: number;
  finishedAt: number | null;
  counts: { creates: number; adds: number; removals: number; failed: number; usersInScope: number; notInJira: number };
  calls: { graph: number; jira: number; jiraWrites: number; throttled: number };
  error: ErrorInfo | null;
  warnings: string[];
  /** Milliseconds of work spent in each phase (read-source, read-target, plan, apply). */
  phaseTimings: Record<string, number>;
  /**
   * For a run held for approval: what the admin decided (or the later run that replaced it), who
   * (account ID, null for the schedule) and their name when known, and the run that followed.
   */
  resolution?: { state: 'approved' | 'discarded' | 'superseded'; by: string | null; byName?: string | null; at: number; followUpRunId: string | null };
  /** Apply runs, once finished: the changes Jira actually took, by kind (planned counts are in `counts`). */
  applied?: AppliedCounts;
  /** For a run started by an approval: the held run it applies. */
  approves?: string;
  /** Jira points the run's requests cost by Atlassian's published costs (0 when the API-token identity is exempt); absent on runs recorded before points were counted. */
  jiraPoints?: number;
  /** The managed Jira groups whose members this run re-read to repair drift, of all managed groups. */
  driftRepair?: { groups: number; of: number };
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
  user: { entraId: string; displayName: string; identifier: string | null; outcome: string; reason: string; accountId: string | null } | null;
  steps: ExplainStep[];
  groups: ExplainGroup[];
  /** The run the answer is based on, and how far it got (its changes are planned, staged or applied). */
  runId: string | null;
  run?: Pick<RunSummary, 'mode' | 'status'>;
}

export interface StatusView {
  configured: boolean;
  activeRun: RunSummary | null;
  /** A run held by the deletion circuit-breaker, waiting for approve or discard. */
  pendingApproval: RunSummary | null;
  lastSuccessAt: number | null;
  /** Consecutive failed scheduled runs; the schedule backs off while this grows. */
  consecutiveFailures: number;
  /** Human warnings for a banner: repeated failure, no success in N hours, secret expiring. */
  alerts: Array<{ level: 'warning' | 'error'; code: string; message: string }>;
  nextScheduledRunAt: number | null;
  secretExpiry: { endDateTime: string | null; daysLeft: number | null; readable: boolean; message: string } | null;
  /** Near-real-time updates: the switch as saved, and each Graph subscription as the last tick left it. */
  notifications: NotificationsView;
  /** Jira points: the pool, the exemption, the drift cycle and a day's estimated cost. */
  budget: BudgetView;
}

/** When drift repair re-reads every managed Jira group: auto is weekly when reads cost Jira points, daily when the API-token identity makes them exempt. */
export type DriftCycleSetting = 'auto' | 'daily' | 'weekly';

/** What Jira's points-based rate limit charges this app for this site (jira-api.md §6). */
export interface BudgetView {
  /** Jira's Tier-1 quota: points an hour for the whole app, shared by every site it is installed on. */
  poolPointsPerHour: number;
  /** True when writes go through the API-token identity, whose traffic is exempt from points. */
  exempt: boolean;
  /** The drift-repair cycle as saved, and what it resolves to. */
  driftCycle: { setting: DriftCycleSetting; effective: 'daily' | 'weekly' };
  /** Estimated points of one day of the current schedule; null until a full run has measured the site. */
  day: { incrementalPoints: number; driftRepairPoints: number; totalPoints: number; basis: string } | null;
}

export interface SubscriptionView {
  resource: 'users' | 'groups';
  /** `waiting`: switched on, the next tick creates it; `removing`: switched off, the next tick deletes it. */
  state: 'active' | 'waiting' | 'failed' | 'removing' | 'off';
  expiresAt: number | null;
  lastNotificationAt: number | null;
  lastError: ErrorInfo | null;
}

export interface NotificationsView {
  enabled: boolean;
  subscriptions: SubscriptionView[];
  /** Changes received and not yet picked up by a run. */
  pendingSince: number | null;
  lastRun: { runId: string; startedAt: number; notifications: number } | null;
}

export interface SchedulePreview {
  valid: boolean;
  nextRuns: number[];
  error: ErrorInfo | null;
}

/** What the app may do with a chosen Entra group's Jira group (the same states the runs and Explain use). */
export type TargetState = 'managed' | 'create' | 'missing' | 'conflict' | 'protected' | 'invalid';

export interface GroupTargetView {
  entraGroupId: string;
  jiraGroup: string;
  state: TargetState;
  explicit: boolean;
  /** The app created this Jira group (its registry), so it manages it without a mapping. */
  createdByApp: boolean;
}

export interface GroupOption {
  id: string;
  name: string;
  /** For Jira groups: protected groups cannot be chosen as a mapping target. */
  protected?: boolean;
}

/** Resolver name → [payload, result]. */
export interface ResolverDefinitions {
  getSettings: [Record<string, never>, SettingsView];
  saveSettings: [{ settings: Record<string, unknown> }, SettingsView];
  /** Tests the saved connection, or `settings` (with a new secret) before they are saved: nothing is stored. */
  testConnection: [{ settings?: Record<string, unknown> }, ConnectionReport];
  preview: [Record<string, never>, RunSummary];
  syncNow: [Record<string, never>, RunSummary];
  getRun: [{ runId?: string }, RunDetail | null];
  listRuns: [Record<string, never>, RunSummary[]];
  cancelRun: [{ runId: string }, RunSummary];
  approveRun: [{ runId: string }, RunSummary];
  discardRun: [{ runId: string }, RunSummary];
  getStatus: [Record<string, never>, StatusView];
  explainUser: [{ query: string; entraId?: string }, UserExplanation];
  previewSchedule: [{ interval?: string; cron?: string }, SchedulePreview];
  exportSettings: [Record<string, never>, { settings: Record<string, unknown> }];
  importSettings: [{ settings: Record<string, unknown> }, SettingsView];
  searchEntraGroups: [{ query: string }, GroupOption[]];
  searchJiraGroups: [{ query: string }, GroupOption[]];
  /** A page of a run's per-user log (filtered by outcome and text) with the changes for those users. */
  getRunLog: [{ runId: string; outcome?: string; text?: string; offset?: number; limit?: number }, { total: number; users: UserRow[]; changes: ChangeRow[] }];
  /** Who is calling and what they may do (the page hides what a Jira admin who is not a site admin cannot use). */
  getCaller: [Record<string, never>, { accountId: string; jiraAdmin: boolean; siteAdmin: boolean }];
  /** Entra groups by ID, to show the names of chosen groups. */
  getEntraGroups: [{ ids: string[] }, GroupOption[]];
  /** The Jira group each chosen Entra group syncs into under the given (possibly unsaved) mapping rules, and its state. */
  getGroupTargets: [{ groups: Array<{ id: string; name: string }>; mapping: Array<{ entraGroupId: string; jiraGroup: string }>; namePrefix: string; createMissing: boolean; allowProductAccessGroups?: boolean }, GroupTargetView[]];
  /** A page of a run's changes, filtered by operation, result and text (the preview table and CSV export). */
  getRunChanges: [{ runId: string; op?: string; result?: string; text?: string; offset?: number; limit?: number }, { total: number; changes: ChangeRow[] }];
}

export type ResolverName = keyof ResolverDefinitions;

/**
 * Every resolver, at run time: the Forge composition registers exactly these, so the deployed
 * resolver cannot lack one the page calls. The check below fails to compile if one is missing.
 */
export const RESOLVER_NAMES = [
  'getSettings',
  'saveSettings',
  'testConnection',
  'preview',
  'syncNow',
  'getRun',
  'listRuns',
  'cancelRun',
  'approveRun',
  'discardRun',
  'getStatus',
  'explainUser',
  'previewSchedule',
  'exportSettings',
  'importSettings',
  'searchEntraGroups',
  'searchJiraGroups',
  'getRunLog',
  'getCaller',
  'getEntraGroups',
  'getRunChanges',
  'getGroupTargets',
] as const satisfies readonly ResolverName[];

type Unlisted = Exclude<ResolverName, (typeof RESOLVER_NAMES)[number]>;
export const EVERY_RESOLVER_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;
