import type { KeyValueStore } from '../../ports/key-value-store';
import type { RunSummary } from '../../shared/resolver-contract';
import { CHANGES_FAILED } from './settle';
import { STORAGE_KEYS } from '../state/keys';

/** How syncing has gone lately: drives the admin page's banner and the schedule's back-off. */
export interface RunHealth {
  /** The last run recorded, so recording the same run again (a retried final step) changes nothing. */
  lastRunId?: string;
  lastSuccessAt: number | null;
  consecutiveFailures: number;
  lastFailure: { at: number; runId: string; code: string; message: string } | null;
}

export const EMPTY_HEALTH: RunHealth = { lastSuccessAt: null, consecutiveFailures: 0, lastFailure: null };

export async function loadHealth(kv: KeyValueStore): Promise<RunHealth> {
  return (await kv.get<RunHealth>(STORAGE_KEYS.health)) ?? EMPTY_HEALTH;
}

/**
 * Records a finished apply run: a success clears the failure streak; a failure extends it. A run
 * that reached both directories and applied its plan but had some changes refused (`changes-failed`)
 * is recorded as the last failure without extending the streak: backing the schedule off would
 * delay every other user's changes because Jira keeps refusing one, and the next run retries it.
 */
export async function recordRunEnd(kv: KeyValueStore, summary: RunSummary): Promise<void> {
  if (summary.mode !== 'apply') return;
  const health = await loadHealth(kv);
  if (health.lastRunId === summary.id) return;
  if (summary.status === 'succeeded') {
    await kv.set<RunHealth>(STORAGE_KEYS.health, {
      lastRunId: summary.id,
      lastSuccessAt: summary.finishedAt ?? summary.startedAt,
      consecutiveFailures: 0,
      lastFailure: null,
    });
  } else if (summary.status === 'failed') {
    const error = summary.error ?? { code: 'internal-error', message: 'The run failed.' };
    await kv.set<RunHealth>(STORAGE_KEYS.health, {
      ...health,
      lastRunId: summary.id,
      consecutiveFailures: error.code === CHANGES_FAILED ? health.consecutiveFailures : health.consecutiveFailures + 1,
      lastFailure: {
        at: summary.finishedAt ?? summary.startedAt,
        runId: summary.id,
        code: error.code,
        message: error.message,
      },
    });
  }
}

/**
 * The schedule's back-off after repeated failures (Entra's provisioning quarantine does the same):
 * the interval doubles with each failure after the first, at most to a day, so a broken connection
 * is not hammered every five minutes. A success resets it.
 */
export function backoffMultiplier(consecutiveFailures: number): number {
  if (consecutiveFailures < 2) return 1;
  return Math.min(2 ** (consecutiveFailures - 1), 288);
}
