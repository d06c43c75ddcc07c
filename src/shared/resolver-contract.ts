/**
 * What the admin page and the resolvers agree on: resolver names, payloads and results. The
 * Custom UI imports this file too, so it holds types and the list of names, and imports no server code.
 */

import type { ErrorInfo } from './error-info';
import type { ChangeRow, RunDetail, RunSummary, UserExplanation, UserRow } from './run-views';

export type { ErrorInfo } from './error-info';
export type * from './run-views';

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
  permissions: Array<{
    permission: string;
    granted: boolean;
    optional: boolean;
    neededFor: string;
    fix: string | null;
  }>;
  /** The client secret's expiry, read now (or why it cannot be read). */
  secretExpiry: { endDateTime: string | null; daysLeft: number | null; readable: boolean; message: string } | null;
  writeIdentity: { ok: boolean; accountId: string | null; displayName: string | null; error: ErrorInfo | null };
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
  getRunLog: [
    { runId: string; outcome?: string; text?: string; offset?: number; limit?: number },
    { total: number; users: UserRow[]; changes: ChangeRow[] },
  ];
  /** Who is calling and what they may do (the page hides what a Jira admin who is not a site admin cannot use). */
  getCaller: [Record<string, never>, { accountId: string; jiraAdmin: boolean; siteAdmin: boolean }];
  /** Entra groups by ID, to show the names of chosen groups. */
  getEntraGroups: [{ ids: string[] }, GroupOption[]];
  /** The Jira group each chosen Entra group syncs into under the given (possibly unsaved) mapping rules, and its state. */
  getGroupTargets: [
    {
      groups: Array<{ id: string; name: string }>;
      mapping: Array<{ entraGroupId: string; jiraGroup: string }>;
      namePrefix: string;
      createMissing: boolean;
      allowProductAccessGroups?: boolean;
    },
    GroupTargetView[],
  ];
  /** A page of a run's changes, filtered by operation, result and text (the preview table and CSV export). */
  getRunChanges: [
    { runId: string; op?: string; result?: string; text?: string; offset?: number; limit?: number },
    { total: number; changes: ChangeRow[] },
  ];
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
