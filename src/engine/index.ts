/**
 * The engine: what handlers import. A run goes through four stages, read-entra → read-jira → plan
 * → apply, one bounded unit of work at a time, each invocation a step of a chain of queue events.
 * Follow one run: `run/start.ts` (startRun) → `run/runner.ts` (runStep) → `run/chain.ts` (runChain)
 * → `run/phases.ts` (PHASES, doUnit) → the stage the table names → `run/runner.ts` again at the end.
 *
 * Glossary (one word per concept):
 * - run: one sync from start to end (record, lock, history). Its kind is full or incremental, chosen
 *   once when it starts; its mode apply or preview.
 * - chain: a sequence of queue events, one step each (`runChain`); a run is one chain, each part another.
 * - step: one invocation of a chain; events carry the step number, so duplicates are ignored.
 * - phase: where a run is (`Phase`: read-source, read-target, plan, apply, apply-parts, finish, done), shown on the record.
 * - stage: the work of one phase for one kind (`stages/<stage>/full.ts`, `incremental.ts`), named by PHASES.
 * - unit: bounded work inside a step; a step does units until its time or request budget is spent.
 * - cursor: where the run stopped (`run/cursor.ts`): a common part (checks, run-data counts, delta
 *   links, drift slice) and the stage cursor of the stage it is in, whose `task` says what it does next.
 * - run data: what a stage stores for later ones, one kind per RUN_DATA entry (`run/run-data.ts`),
 *   each a list in chunks (numbered KVS values).
 * - part: one plan chunk applied by its own chain (apply fan-out).
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
