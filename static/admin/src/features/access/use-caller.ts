import { useCallback, useEffect, useState } from 'react';
import type { ErrorInfo, ResolverDefinitions } from '../../../../../src/shared/resolver-contract';
import { api } from '../../api';

export type Caller = ResolverDefinitions['getCaller'][1];

/**
 * Who is using the page and what they may do. A Jira admin who is not a site admin sees the page
 * read-only; the server re-checks every call, so this only decides what the page offers.
 */
export function useCaller() {
  const [caller, setCaller] = useState<Caller | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const load = useCallback(async () => {
    setError(null);
    const res = await api.getCaller();
    if (res.ok) setCaller(res.data);
    else setError(res.error);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  /** Until the answer arrives (or when it failed) the page offers everything: the server still refuses. */
  const readOnly = caller !== null && caller.jiraAdmin && !caller.siteAdmin;
  return { caller, error, load, readOnly, settled: caller !== null || error !== null };
}
