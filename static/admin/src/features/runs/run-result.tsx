import Heading from '@atlaskit/heading';
import type { RunView } from '../sync/use-run';
import { isActive } from '../sync/use-run';
import { runStage } from './run-stage';
import { Banner } from '../../ui/banner';
import { useRunHeadingFocus } from '../sync/focus-run-heading';
import { StatusLozenge } from '../../ui/lozenge';
import { RunChanges } from './run-changes';
import { RunCounts } from './run-counts';
import { RunOutcome } from './run-outcome';
import { RunProgress } from './run-progress';
import { RunUsers } from './run-users';

/** One run: status, live progress, what it did or will do, warnings, then every change and user. */
export function RunResult({
  run,
  heading = 'h3',
  headingId,
}: {
  run: RunView;
  heading?: 'h2' | 'h3';
  headingId?: string;
}) {
  const active = isActive(run.status);
  const stage = runStage(run);
  useRunHeadingFocus(headingId);
  const version = `${run.status}:${run.phase}:${run.writes?.done ?? 0}:${run.counts.adds}:${run.counts.removals}:${run.counts.creates}`;
  return (
    <div className="run-result" aria-busy={active}>
      <div className="run-title">
        <Heading as={heading} size="small">
          <span tabIndex={-1} className="heading-focus" {...(headingId ? { id: headingId } : {})}>
            {run.mode === 'preview' ? 'Preview' : run.approves ? 'Approved sync' : 'Sync'}
          </span>
        </Heading>
        <StatusLozenge status={run.status} resolution={run.resolution?.state} />
        <span className="muted small">
          {run.kind === 'incremental' ? 'Incremental' : 'Full'} · {run.trigger} run <code>{run.id}</code>
        </span>
      </div>
      {active && <RunProgress run={run} writes={run.writes} />}
      <RunOutcome run={run} writes={run.writes} />
      {run.warnings.length > 0 && (
        <Banner kind="warning" title={`Warnings (${run.warnings.length})`}>
          <ul className="plain-list">
            {run.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </Banner>
      )}
      <RunCounts run={run} writes={run.writes} />
      {!(active && run.phase.startsWith('read')) && (
        <>
          <RunChanges runId={run.id} version={version} status={run.status} stage={stage} />
          <RunUsers runId={run.id} version={version} stage={stage} />
        </>
      )}
    </div>
  );
}
