import { useCallback, useEffect, useState } from 'react';
import type { ErrorInfo, RunDetail, RunSummary } from '../../../../../src/shared/resolver-contract';
import { api } from '../../api';

/** The recorded runs (re-read whenever `version` moves on) and the one the admin opened. */
export function useRunHistory(version: number) {
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [selected, setSelected] = useState<RunDetail | null>(null);
  const [detailError, setDetailError] = useState<ErrorInfo | null>(null);

  const load = useCallback(async () => {
    const res = await api.listRuns();
    if (res.ok) {
      setRuns(res.data);
      setError(null);
    } else setError(res.error);
  }, []);

  useEffect(() => {
    void load();
  }, [load, version]);

  /** Reads a run's detail; true when it is shown. */
  const open = useCallback(async (runId: string): Promise<boolean> => {
    setDetailError(null);
    const res = await api.getRun({ runId });
    if (res.ok && res.data) {
      setSelected(res.data);
      return true;
    }
    setDetailError(res.ok ? { code: 'run-not-found', message: 'This run is no longer recorded.' } : res.error);
    return false;
  }, []);

  return { runs, error, load, selected, detailError, open };
}
