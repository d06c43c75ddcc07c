import { useState } from 'react';
import type { Envelope, ErrorInfo, UserExplanation } from '../../../../../src/shared/resolver-contract';
import { api } from '../../api';

/** Asks why a user is (or is not) in their Jira groups; keeps the last answer or error. */
export function useExplain() {
  const [answer, setAnswer] = useState<UserExplanation | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const ask = async (query: string, entraId?: string): Promise<Envelope<UserExplanation>> => {
    setBusy(true);
    setError(null);
    const res = await api.explainUser({ query, ...(entraId ? { entraId } : {}) });
    setBusy(false);
    setAnswer(res.ok ? res.data : null);
    if (!res.ok) setError(res.error);
    return res;
  };

  return { answer, error, busy, ask };
}
