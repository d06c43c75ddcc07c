import ProgressBar from '@atlaskit/progress-bar';
import AkSpinner from '@atlaskit/spinner';
import type { RunSummary, WriteProgress } from '../../../../../src/shared/resolver-contract';
import { formatCount, formatDuration } from '../../ui/format';

/** What each phase does, in the admin's words. */
const PHASES: Record<string, string> = {
  'read-source': 'Reading Entra ID',
  'read-target': 'Reading Jira',
  plan: 'Planning the changes',
  apply: 'Writing to Jira',
  'apply-parts': 'Writing to Jira',
  finish: 'Recording the result',
};
const READ_UNITS: Record<string, string> = { 'read-source': 'groups', 'read-target': 'groups' };
/** The rate is measured over the last half minute of samples. */
const RATE_WINDOW_MS = 30_000;

/**
 * Samples of the run being followed, shared by every progress view (the bar over other tabs and
 * the Sync tab), so the rate does not start again when the admin switches tabs.
 */
let samples: { runId: string; points: Array<{ at: number; done: number }> } = { runId: '', points: [] };

/** Writes per second over the recent samples of this run, or null until two samples differ. */
function writeRate(runId: string, done: number | undefined): number | null {
  if (samples.runId !== runId) samples = { runId, points: [] };
  const points = samples.points;
  if (done !== undefined) {
    const now = Date.now();
    if (points.length === 0 || points[points.length - 1]!.done !== done) points.push({ at: now, done });
    while (points.length > 2 && now - points[0]!.at > RATE_WINDOW_MS) points.shift();
  }
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || last.at === first.at) return null;
  return ((last.done - first.done) * 1000) / (last.at - first.at);
}

/** The live phase; while writing, the writes done of planned with a rate and an estimate. */
export function RunProgress({ run, writes }: { run: RunSummary; writes?: WriteProgress }) {
  const writing = run.phase === 'apply' || run.phase === 'apply-parts';
  const rate = writeRate(run.id, writing ? writes?.done : undefined);
  const phase = run.status === 'queued' ? 'Waiting to start' : (PHASES[run.phase] ?? 'Working');
  let detail = '';
  let fraction: number | null = null;
  if (writing && writes && writes.planned > 0) {
    fraction = writes.done / writes.planned;
    detail = `${formatCount(writes.done)} of ${formatCount(writes.planned)} changes written (${Math.floor(fraction * 100)}%)`;
    if (rate !== null && rate > 0)
      detail += ` · ${rate >= 10 ? formatCount(Math.round(rate)) : rate.toFixed(1)} per second · about ${formatDuration(((writes.planned - writes.done) / rate) * 1000)} left`;
  } else if (!writing && run.progress.total > 0) {
    fraction = run.progress.done / run.progress.total;
    detail = `${formatCount(run.progress.done)} of ${formatCount(run.progress.total)} ${READ_UNITS[run.phase] ?? 'steps'}`;
  }
  return (
    <div className="progress-block">
      <p className="progress-label">
        <AkSpinner size="small" label="" />
        {phase}
        {detail && <span className="muted"> · {detail}</span>}
      </p>
      <ProgressBar
        ariaLabel={`${phase}${detail ? `: ${detail}` : ''}`}
        {...(fraction === null ? { isIndeterminate: true } : { value: Math.min(1, fraction) })}
      />
    </div>
  );
}
