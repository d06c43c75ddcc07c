import { useEffect, useState } from 'react';
import type { Envelope, ErrorInfo } from '../../../../src/shared/resolver-contract';

/** How long the inputs must stay still before the page asks the server (typing in a box). */
const SETTLE_MS = 250;

export interface DebouncedQuery<T> {
  data: T | null;
  error: ErrorInfo | null;
  /** True from an input change until its answer arrives. */
  loading: boolean;
}

/**
 * The page's one debounce: runs `load` once its inputs (`deps`) have settled for SETTLE_MS, keeping
 * the last answer (an error keeps it and sets `error`). An answer that arrives after the inputs
 * changed again is dropped. A null `load` means there is nothing to ask: the answer is cleared at once.
 */
export function useDebouncedQuery<T>(
  load: (() => Promise<Envelope<T>>) | null,
  deps: readonly unknown[],
): DebouncedQuery<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!load) {
      setData(null);
      setError(null);
      setLoading(false);
      return;
    }
    let current = true;
    setLoading(true);
    const timer = window.setTimeout(() => {
      void load().then((res) => {
        if (!current) return;
        setLoading(false);
        if (res.ok) {
          setData(res.data);
          setError(null);
        } else setError(res.error);
      });
    }, SETTLE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
    // The caller names the inputs; `load` is a new closure on every render.
  }, deps);
  return { data, error, loading };
}
