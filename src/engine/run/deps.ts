import type { Clock } from '../../ports/clock';
import type { EntraDirectory, EntraDirectoryExtras } from '../../ports/entra-directory';
import type { JiraDirectory } from '../../ports/jira-directory';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { WorkQueue } from '../../ports/work-queue';
import type { RunRecord } from './record';

export type CallKind = 'graph' | 'jira-read' | 'jira-write' | 'throttled';

export interface ConnectOptions {
  /** Epoch ms after which adapters must not start a wait (they throw a retryable error instead). */
  deadline: () => number;
  /** Scheduled runs ask Graph to throttle them first (x-ms-throttle-priority: low). */
  lowPriority: boolean;
  onCall: (kind: CallKind) => void;
  /** Jira points of each request a Forge identity sent (API-token requests are exempt and never reported). */
  onPoints?: (points: number) => void;
}

/** What the engine needs from the outside world; the composition root provides it. */
export interface EngineDeps {
  kv: KeyValueStore;
  queue: WorkQueue;
  clock: Clock;
  newId: () => string;
  /** Builds the directory adapters for a run: secrets are read here, never stored in the run. */
  connect(
    run: RunRecord,
    options: ConnectOptions,
  ): Promise<{ entra: EntraDirectory & EntraDirectoryExtras; jira: JiraDirectory }>;
  limits: EngineLimits;
  log?: (message: string) => void;
}

export interface EngineLimits {
  /** Work time per consumer invocation before checkpointing (Forge consumers allow up to 900 s). */
  stepBudgetMs: number;
  /** Egress requests per invocation (Forge allows 100 per runtime-minute per invocation). */
  maxRequestsPerStep: number;
  /** Lease on the run lock; renewed by every step. */
  leaseMs: number;
  /** Consecutive retryable failures before the run fails. */
  maxRetries: number;
  /** Retried requests (throttled or unavailable answers) in one run, parts included, before it fails. */
  maxThrottledPerRun: number;
  /** Operations applied per unit of work between checkpoints. */
  applyBatchSize: number;
  /** Stored chunks (plan, outcomes, member pages, users, index shards) a unit of a run's end reads or writes. */
  endChunksPerUnit: number;
  /** Membership writes in flight at once (Jira's burst limit is 100 writes per second per tenant). */
  applyConcurrency: number;
}

export const DEFAULT_LIMITS: EngineLimits = {
  stepBudgetMs: 600_000,
  maxRequestsPerStep: 90,
  leaseMs: 30 * 60_000,
  maxRetries: 12,
  maxThrottledPerRun: 300,
  applyBatchSize: 100,
  endChunksPerUnit: 8,
  applyConcurrency: 12,
};

/**
 * DEFAULT_LIMITS with overrides from a JSON object of known numeric fields (the ENGINE_LIMITS
 * environment variable); anything else in it is an error, not silently ignored.
 */
export function limitsWithOverrides(json: string | undefined): EngineLimits {
  if (!json) return DEFAULT_LIMITS;
  const overrides = JSON.parse(json) as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in DEFAULT_LIMITS) || typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new Error(`ENGINE_LIMITS: ${key} is not a limit or not a number >= 0`);
  }
  return { ...DEFAULT_LIMITS, ...(overrides as Partial<EngineLimits>) };
}
