import type { RunSummary } from '../../../../src/shared/resolver-contract';
import { humanize } from '../format';

/** The live phase and a bar for the work done so far in it. */
export function RunProgress({ run }: { run: RunSummary }) {
  const { done, total } = run.progress;
  const known = total > 0;
  const pct = known ? Math.min(100, Math.round((done / total) * 100)) : 0;
  const phase = humanize(run.phase) || (run.status === 'queued' ? 'Waiting to start' : 'Working');
  return (
    <div className="progress-block">
      <p className="progress-label" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        {run.status === 'queued' ? 'Queued' : phase}
        {known && (
          <span className="muted">
            {' '}
            · {done.toLocaleString()} of {total.toLocaleString()} ({pct}%)
          </span>
        )}
      </p>
      <div
        className={`progress ${known ? '' : 'progress-indeterminate'}`}
        role="progressbar"
        aria-label={`${phase} progress`}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? done : undefined}
        aria-valuetext={known ? `${pct}% (${done} of ${total})` : 'Working'}
      >
        <div className="progress-fill" style={known ? { width: `${pct}%` } : undefined} />
      </div>
    </div>
  );
}
