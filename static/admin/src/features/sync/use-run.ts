import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo, RunDetail, RunStatus, RunSummary } from '../../../../../src/shared/resolver-contract';
import { api } from '../../api';

/** A run as last seen: the summary from starting it, then the detail from polling. */
export type RunView = RunSummary & Partial<Pick<RunDetail, 'changes' | 'users' | 'writes'>>;
export type RunAction = 'preview' | 'syncNow' | 'cancel' | 'open';

const POLL_MS = 1000;

export function isActive(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** The end of a run in one sentence for screen readers. */
function endAnnouncement(run: RunDetail): string {
  const what = run.mode === 'preview' ? 'Preview' : 'Sync';
  const end =
    run.status === 'succeeded'
      ? 'succeeded'
      : run.status === 'previewed'
        ? 'finished'
        : run.status === 'needs-approval'
          ? 'is held for approval'
          : `ended: ${run.status}`;
  const writes =
    run.mode === 'apply'
      ? ` ${run.writes.done - run.writes.failed} changes applied, ${run.writes.failed} failed.`
      : ` ${run.writes.planned} changes planned.`;
  return `${what} ${end}.${writes}`;
}

/**
 * Starts, opens, follows and cancels runs. Following polls getRun every second until the run
 * leaves queued/running; a failed poll stops following and keeps the error for the page to show
 * with a way to resume.
 */
export function useRun(onRunsChanged: () => void) {
  const [run, setRun] = useState<RunView | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState<RunAction | null>(null);
  const [following, setFollowing] = useState(false);
  /** Said once through the page's live region when a followed run ends. */
  const [announcement, setAnnouncement] = useState('');
  const generation = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const changed = useRef(onRunsChanged);
  changed.current = onRunsChanged;

  const stop = useCallback(() => {
    generation.current += 1;
    window.clearTimeout(timer.current);
    setFollowing(false);
  }, []);

  useEffect(() => stop, [stop]);

  const follow = useCallback(
    (runId: string) => {
      stop();
      const gen = generation.current;
      setFollowing(true);
      const tick = async (): Promise<void> => {
        const res = await api.getRun({ runId });
        if (gen !== generation.current) return;
        if (!res.ok || !res.data) {
          setError(res.ok ? { code: 'RUN_NOT_FOUND', message: 'This run is no longer recorded.' } : res.error);
          setFollowing(false);
          return;
        }
        setRun(res.data);
        if (isActive(res.data.status)) {
          timer.current = window.setTimeout(() => void tick(), POLL_MS);
        } else {
          setFollowing(false);
          setAnnouncement(endAnnouncement(res.data));
          changed.current();
        }
      };
      void tick();
    },
    [stop],
  );

  const start = useCallback(
    async (kind: 'preview' | 'syncNow') => {
      stop();
      const gen = generation.current;
      setBusy(kind);
      setError(null);
      const res = kind === 'preview' ? await api.preview() : await api.syncNow();
      setBusy(null);
      if (gen !== generation.current) return;
      if (!res.ok) {
        setError(res.error);
        return;
      }
      setRun(res.data);
      changed.current();
      follow(res.data.id);
    },
    [follow, stop],
  );

  /** Shows a recorded run (the latest when no ID is given) and follows it if still going. */
  const open = useCallback(
    async (runId?: string) => {
      stop();
      const gen = generation.current;
      setBusy('open');
      setError(null);
      const res = await api.getRun(runId ? { runId } : {});
      setBusy((b) => (b === 'open' ? null : b));
      // A newer action (another open, a start) has taken over meanwhile.
      if (gen !== generation.current) return;
      if (!res.ok) {
        setError(res.error);
        return;
      }
      if (!res.data) {
        if (runId) setError({ code: 'RUN_NOT_FOUND', message: 'This run is no longer recorded.' });
        return;
      }
      setRun(res.data);
      if (isActive(res.data.status)) follow(res.data.id);
    },
    [follow, stop],
  );

  const cancel = useCallback(async () => {
    if (!run) return;
    setBusy('cancel');
    const res = await api.cancelRun({ runId: run.id });
    setBusy(null);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    setRun((prev) => (prev && prev.id === res.data.id ? { ...prev, ...res.data } : res.data));
    if (!isActive(res.data.status)) {
      stop();
      changed.current();
    }
  }, [run, stop]);

  /** Shows a run started elsewhere (an approval) and follows it. */
  const track = useCallback(
    (summary: RunSummary) => {
      setError(null);
      setRun(summary);
      changed.current();
      if (isActive(summary.status)) follow(summary.id);
    },
    [follow],
  );

  const resume = useCallback(() => {
    if (!run) return;
    setError(null);
    follow(run.id);
  }, [follow, run]);

  return { run, error, busy, following, announcement, start, open, cancel, resume, track };
}
