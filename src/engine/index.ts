/**
 * The engine: what handlers import. A run goes through four stages, read-entra → read-jira → plan
 * → apply, one bounded unit of work at a time, each invocation a step of a chain of queue events.
 *
 * Glossary (one word per concept):
 * - run: one sync from start to end (record, lock, history). Its kind is full or incremental, its
 *   mode apply or preview.
 * - step: one invocation of a run's chain; events carry the run's step number, so duplicates are ignored.
 * - stage: read-entra, read-jira, plan or apply (`stages/`); `Phase` names them on the record.
 * - unit: bounded work inside a step; a step does units until its time or request budget is spent.
 * - cursor: where each stage stopped, saved with the record after every step.
 * - run data: what a stage stored for the next ones, in chunks of KVS values.
 * - part: one plan chunk applied by its own chain of events (apply fan-out).
 * - state: what outlives a run: snapshot, links (Entra user ↔ Jira account), registry (groups the app created), keys.
 */
export { maintainSubscriptions } from './notifications/maintain-subscriptions';
export type { NotifiedRun, PendingChanges } from './notifications/notified-runs';
export { isChangeRunEvent, noteChange, startNotifiedRun } from './notifications/notified-runs';
export type { LifecycleMarks, SubscriptionsState } from './notifications/subscription-state';
export { clientStateMatches, loadSubscriptions, resourceOf } from './notifications/subscription-state';
export type { Approver } from './run/approvals';
export { approveRun, discardRun } from './run/approvals';
export { STALL_LIMIT_MS } from './run/chain';
export { configuredActor, connectEntra, connectJira, engineDepsOf } from './run/connect';
export { RUN_DATA } from './run/run-data';
export type { ConnectOptions, EngineDeps, EngineLimits } from './run/deps';
export { DEFAULT_LIMITS, limitsWithOverrides } from './run/deps';
export { backoffMultiplier, loadHealth } from './run/health';
export { currentLease } from './run/lock';
export type { RunActor, RunRecord } from './run/record';
export { isFinished } from './run/record';
export { changeRow, runDetail } from './run/report';
export type { StepOutcome } from './run/runner';
export { runStep } from './run/runner';
export type { StartRunRequest } from './run/start';
export { startRun } from './run/start';
export { listRunSummaries, loadRun, runIds } from './run/store';
export type { PlannedOperation } from './stages/plan/planned-operation';
export type { MemberPage } from './stages/read-entra/full';
export { STORAGE_KEYS } from './state/keys';
export { loadRegistry, ownedNames } from './state/registry';
export { loadPointsMeasure, meanOf } from './state/points-measure';
export { loadSnapshotMeta } from './state/snapshot';
export type { SecretExpiryState } from './state/secret-expiry';
export { daysLeft, expiryWarning, refreshSecretExpiry } from './state/secret-expiry';
