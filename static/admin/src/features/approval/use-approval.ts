import { useState } from 'react';
import type { ErrorInfo, RunSummary } from '../../../../../src/shared/resolver-contract';
import { api } from '../../api';

export type Decision = 'approve' | 'discard';

/** Approve or discard a held run; approval answers with the run that applies it. */
export function useApproval(runId: string, onApproved: (followUp: RunSummary) => void, onDiscarded: () => void) {
  const [busy, setBusy] = useState<Decision | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const decide = async (what: Decision) => {
    setBusy(what);
    setError(null);
    const res = await (what === 'approve' ? api.approveRun : api.discardRun)({ runId });
    setBusy(null);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    if (what === 'approve') onApproved(res.data);
    else onDiscarded();
  };

  return { busy, error, decide };
}
