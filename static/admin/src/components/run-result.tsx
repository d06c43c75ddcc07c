import type { RunView } from '../hooks/use-run';
import { isActive } from '../hooks/use-run';
import { Banner, ErrorBanner } from './banner';
import { ChangesTable } from './changes-table';
import { StatusLozenge } from './lozenge';
import { RunCounts } from './run-counts';
import { RunProgress } from './run-progress';
import { UsersTable } from './users-table';

export interface RemovalLimits {
  maxPerRun: number | null;
  maxPercent: number | null;
}

function limitsText(limits: RemovalLimits | null): string {
  const parts = [];
  if (limits?.maxPerRun != null) parts.push(`${limits.maxPerRun.toLocaleString()} per run`);
  if (limits?.maxPercent != null) parts.push(`${limits.maxPercent}% of memberships`);
  return parts.length ? ` (${parts.join(' or ')})` : '';
}

/** One run: status, live progress, counts, then what it changed or would change. */
export function RunResult({ run, limits }: { run: RunView; limits: RemovalLimits | null }) {
  const active = isActive(run.status);
  return (
    <div className="run-result" aria-busy={active}>
      <div className="run-title">
        <h3 className="subheading">{run.mode === 'preview' ? 'Preview' : 'Sync'}</h3>
        <StatusLozenge status={run.status} />
        <span className="muted small">
          {run.trigger} run <code>{run.id}</code>
        </span>
      </div>
      {active && <RunProgress run={run} />}
      {run.status === 'needs-approval' && (
        <Banner kind="warning" title="Removals exceed the threshold">
          <p>
            This run would remove {run.counts.removals.toLocaleString()} memberships, more than the removal limit{limitsText(limits)}. Nothing was
            changed. Review the planned changes below; to go ahead, raise the limits under Removals and save, then click “Sync now” again.
          </p>
        </Banner>
      )}
      {run.status === 'failed' && run.error && <ErrorBanner title="The run failed" error={run.error} />}
      {run.status === 'failed' && !run.error && <Banner kind="error" title="The run failed">The app recorded no reason.</Banner>}
      {run.status === 'cancelled' && <Banner kind="info">The run was cancelled. Changes applied before it stopped are kept.</Banner>}
      {run.warnings.length > 0 && (
        <Banner kind="warning" title="Warnings">
          <ul className="plain-list">
            {run.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </Banner>
      )}
      <RunCounts run={run} />
      {run.changes ? <ChangesTable changes={run.changes} /> : !active && <p className="empty">The changes of this run are not available.</p>}
      {run.users && <UsersTable users={run.users} />}
    </div>
  );
}
