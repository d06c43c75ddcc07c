import { describeError, isSyncError } from '../../core/errors';
import type { ErrorInfo } from '../../shared/resolver-contract';
import { STORAGE_KEYS } from '../state/keys';
import type { StepContext } from './context';
import type { CallKind, EngineDeps } from './deps';
import { InvocationCache } from './invocation-cache';
import { isQuotaWait } from './quota-wait';
import type { RunRecord } from './record';
import { retryBudgetError, retryBudgetSpent } from './retry-budget';

/**
 * A chain is a sequence of queue events, one bounded step each, that carries on some work: a run,
 * or one part of a run's apply stage. `runChain` is the one place with the rules every step keeps:
 * a step lock, the cancel check, the time and request budget, call counting, retries with one
 * delay rule, and push-before-save (a crash anywhere is redone by the platform's retry of the event).
 */

/** What a step leaves for its chain: nothing more, another step now, or another step after a wait. */
export type ChainNext = { next: 'done' } | { next: 'more' } | { next: 'retryAfter'; seconds: number };

export const DONE: ChainNext = { next: 'done' };
export const MORE: ChainNext = { next: 'more' };

/** A chain whose last step is older than this lost its event; the tick (runs) or the run (parts) pushes it again. */
export const STALL_LIMIT_MS = 20 * 60_000;

// Forge caps a queue event's delay at 900 s.
const MAX_DELAY_SECONDS = 900;

/** The wait before retry number `retries` (1 = first): what the service asked for, else 2^retries s, within Forge's delay cap. */
export function retryDelaySeconds(error: unknown, retries: number): number {
  const asked = isSyncError(error) ? error.retryAfterSeconds : undefined;
  return Math.min(MAX_DELAY_SECONDS, Math.max(1, asked ?? 2 ** retries));
}

/** One kind of chain: what a step of it works on and how it saves itself. */
export interface ChainWorker {
  run: RunRecord;
  /** Taken before working, so two deliveries of one event never work at once. */
  lockKey: string;
  /** Consecutive retryable failures of this chain. */
  retries: number;
  countCall(kind: CallKind): void;
  /** Jira points a request of this step cost. */
  countPoints(points: number): void;
  /** Requests left in this step besides time (runs count Graph requests; parts need none). */
  withinRequestBudget(): boolean;
  /** Throttled answers the whole run has had so far (its retry budget). */
  throttledInRun(): Promise<number>;
  /** Before any work: a run marks itself running. */
  begin(): Promise<void>;
  /** The run was cancelled: end this chain (false: past the point a cancel stops it, so it carries on). */
  cancel(): boolean;
  /** One unit of work; 'done' ends the step's loop and the chain. */
  work(ctx: StepContext): Promise<'done' | 'more'>;
  /** The step's work went through: its retries start again from zero. */
  succeeded(): void;
  /** A retryable failure: the chain waits `seconds` and tries again. */
  wait(error: unknown, seconds: number): void;
  /** A failure the chain ends with: what the admin is told, and the thrown value (for the log). */
  fail(error: ErrorInfo, cause: unknown): void;
  /** Saves the step; the next event, if any, is pushed before the save. */
  save(next: ChainNext): Promise<void>;
}

/** One step of a chain; 'ignored' when another delivery of the same event holds its lock. */
export async function runChain(deps: EngineDeps, worker: ChainWorker): Promise<'processed' | 'ignored'> {
  const startedAt = deps.clock.now();
  const lockTtl = Math.ceil(deps.limits.stepBudgetMs / 1000) + 60;
  if (!(await deps.kv.setIfAbsent(worker.lockKey, startedAt, { ttlSeconds: lockTtl }))) return 'ignored';
  const next = await step(deps, worker, startedAt);
  try {
    await worker.save(next);
  } catch (error) {
    // The checkpoint could not be saved: free the step so the platform's retry of this event redoes it.
    await deps.kv.delete(worker.lockKey).catch(() => undefined);
    throw error;
  }
  return 'processed';
}

async function step(deps: EngineDeps, worker: ChainWorker, startedAt: number): Promise<ChainNext> {
  const { run } = worker;
  const deadline = startedAt + deps.limits.stepBudgetMs;
  try {
    if ((await deps.kv.get(STORAGE_KEYS.cancelRequest(run.summary.id))) && worker.cancel()) return DONE;
    await worker.begin();
    const options = {
      deadline: () => deadline,
      lowPriority: run.summary.trigger === 'scheduled',
      onCall: (kind: CallKind) => worker.countCall(kind),
      onPoints: (points: number) => worker.countPoints(points),
    };
    const { entra, jira } = await deps.connect(run, options);
    const ctx: StepContext = {
      deps,
      run,
      entra,
      jira,
      cache: new InvocationCache(),
      hasBudget: () => deps.clock.now() < deadline && worker.withinRequestBudget(),
    };
    // At least one unit per step, so every event makes progress whatever the budget.
    let next: 'done' | 'more' = 'more';
    for (let units = 0; next === 'more' && (units === 0 || ctx.hasBudget()); units++) next = await worker.work(ctx);
    worker.succeeded();
    return next === 'done' ? DONE : MORE;
  } catch (error) {
    return afterFailure(deps, worker, error);
  }
}

/**
 * Transient failures (retryable SyncErrors, and storage or platform errors, which are not
 * SyncErrors) are retried from the last checkpoint until the chain's retries or the run's retry
 * budget are spent. A used-up points quota is a wait, not a failure: it spends neither.
 */
async function afterFailure(deps: EngineDeps, worker: ChainWorker, error: unknown): Promise<ChainNext> {
  const transient = !isSyncError(error) || error.retryable;
  const quotaWait = isQuotaWait(error);
  const throttled = transient ? await worker.throttledInRun() : 0;
  const budgetSpent = !quotaWait && retryBudgetSpent(throttled, deps.limits.maxThrottledPerRun);
  if (transient && worker.retries < deps.limits.maxRetries && !budgetSpent) {
    if (!quotaWait) worker.retries++;
    const seconds = retryDelaySeconds(error, worker.retries);
    worker.wait(error, seconds);
    return { next: 'retryAfter', seconds };
  }
  worker.fail(
    stoppingError(error, {
      transient,
      budgetSpent,
      throttled,
      attempts: worker.retries + 1,
      limit: deps.limits.maxThrottledPerRun,
    }),
    error,
  );
  return DONE;
}

/** The error a chain ends with; one that was retried says the retries are over, never that more will come. */
function stoppingError(
  error: unknown,
  facts: { transient: boolean; budgetSpent: boolean; throttled: number; attempts: number; limit: number },
): ErrorInfo {
  if (facts.transient && facts.budgetSpent) return retryBudgetError(error, facts.throttled, facts.limit);
  const described = describeError(error);
  if (!facts.transient) return described;
  if (isSyncError(error))
    return {
      ...described,
      message: `${error.message} The run stopped after ${facts.attempts} attempts; start it again when the service recovers.`,
    };
  return {
    ...described,
    message: `${described.message.replace(/;? ?the run continues (later|from its last checkpoint)\.?$/, '.')} The run stopped after ${facts.attempts} attempts.`,
  };
}
