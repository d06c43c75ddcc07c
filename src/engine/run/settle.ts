import type { ErrorInfo, RunSummary } from '../../shared/resolver-contract';

export const CHANGES_FAILED = 'changes-failed';

/**
 * The status an apply run ends with tells what happened, not what was planned: a run in which any
 * change failed ends `failed` (error `changes-failed`; the applied changes stay applied). Its
 * per-user outcomes are settled against the changes' results by the finish phase (stages/finish).
 */
export function endingOf(
  summary: RunSummary,
  status: RunSummary['status'],
  error: ErrorInfo | null,
): { status: RunSummary['status']; error: ErrorInfo | null } {
  if (status !== 'succeeded' || summary.counts.failed === 0) return { status, error };
  return {
    status: 'failed',
    error: {
      code: CHANGES_FAILED,
      message: `${summary.counts.failed} changes failed (see each change's error); the other changes were applied. The next run tries the failed changes again.`,
    },
  };
}
