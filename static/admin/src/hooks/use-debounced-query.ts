import { useEffect, useState } from 'react';
import type { Envelope, ErrorInfo } from '../../../../src/shared/resolver-contract';

/**
 * Runs `load` 150 ms after its inputs (`deps`) settle, keeping the last answer and error; an answer
 * that arrives after the inputs changed again is dropped (typing in a filter box).
 */
export function useDebouncedQuery<T>(load: () => Promise<Envelope<T>>, deps: readonly unknown[]): { data: T | null; error: ErrorInfo | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(() => {
      void load().then((res) => {
        if (!current) return;
        if (res.ok) {
          setData(res.data);
          setError(null);
        } else setError(res.error);
      });
    }, 150);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
    // The caller names the inputs; `load` is a new closure on every render.
  }, deps);
  return { data, error };
}
