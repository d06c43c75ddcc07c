import type { RunView } from '../hooks/use-run';
import { isActive } from '../hooks/use-run';
import { Banner, ErrorBanner } from './banner';
import { StatusLozenge } from './lozenge';
import { RunChanges } from './run-changes';
import { RunCounts } from './run-counts';
import { RunProgress } from './run-progress';
import { RunUsers } from './run-users';

/** One run: status, live progress, counts at the top, warnings, then every change and user. */
export function RunResult({ run, heading = 'h3' }: { run: RunView; heading?: 'h2' | 'h3' }) {
  const active = isActive(run.status);
  const H = heading;
  const version = `${run.status}:${run.phase}:${run.progress.done}:${run.counts.adds}:${run.counts.removals}:${run.counts.creates}`;
  return (
    <div className="run-result" aria-busy={active}>
      <div className="run-title">
        <H className="subheading">{run.mode === 'preview' ? 'Preview' : run.approves ? 'Approved sync' : 'Sync'}</H>
        <StatusLozenge status={run.status} />
        <span className="muted small">
          {run.kind === 'incremental' ? 'Incremental' : 'Full'} · {run.trigger} run <code>{run.id}</code>
        </span>
      </div>
      {active && <RunProgress run={run} />}
      {run.status === 'needs-approval' && (
        <Banner kind="warning" title="Held for approval">
          <p>This run would remove more memberships than the removal limits allow, so nothing was changed. Approve or discard it in the banner at the top of the page.</p>
        </Banner>
      )}
      {run.status === 'failed' && run.error && <ErrorBanner title="The run failed" error={run.error} />}
      {run.status === 'failed' && !run.error && <Banner kind="error" title="The run failed">The app recorded no reason.</Banner>}
      {run.status === 'cancelled' && <Banner kind="info">The run was cancelled. Changes applied before it stopped are kept.</Banner>}
      {run.resolution && (
        <Banner kind="info">
          <p>
            {run.resolution.state === 'approved' ? 'Approved' : 'Discarded'} by <code>{run.resolution.by}</code> on {new Date(run.resolution.at).toLocaleString()}.
          </p>
        </Banner>
      )}
      {run.warnings.length > 0 && (
        <Banner kind="warning" title={`Warnings (${run.warnings.length})`}>
          <ul className="plain-list">
            {run.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </Banner>
      )}
      <RunCounts run={run} />
      {!(active && run.phase.startsWith('read')) && (
        <>
          <RunChanges runId={run.id} version={version} status={run.status} />
          <RunUsers runId={run.id} version={version} />
        </>
      )}
    </div>
  );
}
