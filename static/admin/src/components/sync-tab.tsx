import type { useRun } from '../hooks/use-run';
import { isActive } from '../hooks/use-run';
import { ErrorBanner } from './banner';
import { ReadOnlyHint } from './read-only-note';
import { RunResult } from './run-result';
import { Section } from './section';
import { Spinner } from './spinner';

interface SyncTabProps {
  runs: ReturnType<typeof useRun>;
  configured: boolean;
  dirty: boolean;
  /** A Jira admin who is not a site admin: runs are shown, not started or cancelled. */
  readOnly: boolean;
}

/** Preview and Sync now, with the run being followed (or the latest) and its full plan. */
export function SyncTab({ runs, configured, dirty, readOnly }: SyncTabProps) {
  const { run, error, busy, following } = runs;
  const active = run !== null && isActive(run.status);
  return (
    <Section id="run" title="Preview and sync" description="Preview plans every change without touching Jira. Sync now applies the plan. Runs use the saved settings.">
      {readOnly ? <ReadOnlyHint what="The latest run is shown below." /> : <RunActions runs={runs} configured={configured} dirty={dirty} />}
      {error && (
        <ErrorBanner error={error}>
          {active && !following && (
            <button type="button" className="button button-subtle" onClick={runs.resume}>
              Check the run again
            </button>
          )}
        </ErrorBanner>
      )}
      {busy === 'open' && <Spinner label="Loading the run…" />}
      {run ? (
        <RunResult run={run} />
      ) : (
        busy !== 'open' && <p className="empty">{readOnly ? 'No run yet.' : 'No run yet. Choose Preview to see what a sync would change; nothing is written to Jira.'}</p>
      )}
    </Section>
  );
}

/** Preview, Sync now and Cancel (offered to site admins only), and why they are unavailable right now. */
function RunActions({ runs, configured, dirty }: Omit<SyncTabProps, 'readOnly'>) {
  const { run, busy } = runs;
  const active = run !== null && isActive(run.status);
  const blocked = !configured || active || busy !== null;
  return (
    <>
      <div className="button-row">
        <button type="button" className="button" disabled={blocked} onClick={() => void runs.start('preview')}>
          {busy === 'preview' ? 'Starting…' : 'Preview'}
        </button>
        <button type="button" className="button button-primary" disabled={blocked} onClick={() => void runs.start('syncNow')}>
          {busy === 'syncNow' ? 'Starting…' : 'Sync now'}
        </button>
        {active && (
          <button type="button" className="button button-danger" disabled={busy === 'cancel'} onClick={() => void runs.cancel()}>
            {busy === 'cancel' ? 'Cancelling…' : 'Cancel run'}
          </button>
        )}
      </div>
      {!configured && <p className="field-hint">Save the connection first (Connection tab).</p>}
      {configured && dirty && <p className="field-hint">You have unsaved changes: runs use the saved settings. Save first to preview them.</p>}
      {active && <p className="field-hint">A run is in progress: a new one can start when it finishes.</p>}
    </>
  );
}
