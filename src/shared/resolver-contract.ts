/**
 * What the admin page and the resolvers agree on: resolver names, payloads and results.
 * Types only (the Custom UI imports this file too), so no runtime code lives here.
 */

export interface ErrorInfo {
  code: string;
  message: string;
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
  permissions: Array<{ permission: string; granted: boolean; neededFor: string; fix: string | null }>;
  writeIdentity: { ok: boolean; accountId: string | null; displayName: string | null; error: ErrorInfo | null };
}

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'needs-approval' | 'previewed' | 'cancelled';
export type RunTrigger = 'manual' | 'scheduled' | 'cli';
export type ChangeOp = 'createGroup' | 'addMember' | 'removeMember' | 'createUser';
export type ChangeResult = 'applied' | 'planned' | 'failed' | 'skipped';

export interface ChangeRow {
  op: ChangeOp;
  group: string;
  email: string | null;
  result: ChangeResult;
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
}

export interface RunDetail extends RunSummary {
  changes: ChangeRow[];
  users: UserRow[];
}

/** Resolver name → [payload, result]. */
export interface ResolverDefinitions {
  getSettings: [Record<string, never>, SettingsView];
  saveSettings: [{ settings: Record<string, unknown> }, SettingsView];
  testConnection: [Record<string, never>, ConnectionReport];
  preview: [Record<string, never>, RunSummary];
  syncNow: [Record<string, never>, RunSummary];
  getRun: [{ runId?: string }, RunDetail | null];
  listRuns: [Record<string, never>, RunSummary[]];
  cancelRun: [{ runId: string }, RunSummary];
}

export type ResolverName = keyof ResolverDefinitions;
