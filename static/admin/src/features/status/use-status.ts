import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo, StatusView } from '../../../../../src/shared/resolver-contract';
import { api } from '../../api';

const POLL_MS = 3000;

/**
 * The app's status (active run, held run, alerts, next scheduled run), read at once and then
 * every few seconds, so a sync started elsewhere (another admin, the schedule) shows up here.
 */
export function useStatus() {
  const [status, setStatus] = useState<StatusView | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const refresh = useCallback(async () => {
    const res = await api.getStatus();
    if (res.ok) {
      setStatus(res.data);
      setError(null);
    } else {
      setError(res.error);
    }
    return res;
  }, []);

  useEffect(() => {
    let stopped = false;
    const tick = async (): Promise<void> => {
      const res = await refresh();
      // A refusal (not an admin) will not change by asking again.
      if (!stopped && (res.ok || res.error.code !== 'forbidden'))
        timer.current = window.setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer.current);
    };
  }, [refresh]);

  return { status, error, refresh };
}
