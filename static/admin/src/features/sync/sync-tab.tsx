import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { RunSummary } from '../../../../../src/shared/resolver-contract';
import type { useRun } from './use-run';
import { isActive } from './use-run';
import { ErrorBanner } from '../../ui/banner';
import { focusRunHeading } from './focus-run-heading';
import { ConfirmSync } from './confirm-sync';
import { ReadOnlyHint } from '../access/read-only-note';
import { RunResult } from '../runs/run-result';
import { Section } from '../../ui/section';
import { Spinner } from '../../ui/spinner';
import type { SyncRules } from './sync-plan-statement';
import { SyncPlanStatement } from './sync-plan-statement';
import { useReadOnly } from '../access/read-only';

interface SyncTabProps {
  runs: ReturnType<typeof useRun>;
  configured: boolean;
  dirty: boolean;
  /** A run held for approval: no new run until it is approved or discarded. */
  pendingApproval: RunSummary | null;
  rules: SyncRules;
}

/** Preview and Sync now, with the run being followed (or the latest) and its full plan. */
export function SyncTab({ runs, configured, dirty, pendingApproval, rules }: SyncTabProps) {
  // A Jira admin who is not a site admin: runs are shown, not started or cancelled.
  const readOnly = useReadOnly();
  const { run, error, busy, following } = runs;
  const active = run !== null && isActive(run.status);
  return (
    <Section
      id="run"
      title="Preview and sync"
      description="Preview plans every change without touching Jira. Sync now plans again and applies. Runs use the saved settings."
    >
      {readOnly ? (
        <ReadOnlyHint what="The latest run is shown below." />
      ) : (
        <RunActions runs={runs} configured={configured} dirty={dirty} pendingApproval={pendingApproval} rules={rules} />
      )}
      {error && (
        <ErrorBanner error={error}>
          {active && !following && (
            <Button appearance="subtle" onClick={runs.resume}>
              Check the run again
            </Button>
          )}
        </ErrorBanner>
      )}
      {busy === 'open' && <Spinner label="Loading the run…" />}
      {run ? (
        <RunResult run={run} headingId="run-heading" />
      ) : (
        busy !== 'open' && (
          <p className="empty">
            {readOnly
              ? 'No run yet.'
              : 'No run yet. Choose Preview to see what a sync would change; nothing is written to Jira.'}
          </p>
        )
      )}
    </Section>
  );
}

/** Preview, Sync now and Cancel (offered to site admins only), what Sync now will do, and why a button is unavailable. */
function RunActions({ runs, configured, dirty, pendingApproval, rules }: SyncTabProps) {
  const { run, busy } = runs;
  const [confirming, setConfirming] = useState(false);
  const active = run !== null && isActive(run.status);
  const blocked = !configured || active || busy !== null || pendingApproval !== null;
  const plan = run && run.mode === 'preview' && run.status === 'previewed' ? run : null;
  const start = async (kind: 'preview' | 'syncNow') => {
    setConfirming(false);
    focusRunHeading();
    await runs.start(kind);
  };
  // Removing anyone, or a plan nobody has seen, is confirmed first.
  const needsConfirm = plan === null || plan.counts.removals > 0;
  return (
    <>
      {configured && !pendingApproval && <SyncPlanStatement plan={plan} rules={rules} />}
      <div className="button-row">
        <Button appearance={plan ? 'default' : 'primary'} isDisabled={blocked} onClick={() => void start('preview')}>
          {busy === 'preview' ? 'Starting…' : 'Preview'}
        </Button>
        <Button
          appearance={plan ? 'primary' : 'default'}
          isDisabled={blocked}
          aria-describedby="sync-statement"
          onClick={() => (needsConfirm ? setConfirming(true) : void start('syncNow'))}
        >
          {busy === 'syncNow' ? 'Starting…' : 'Sync now'}
        </Button>
        {active && (
          <Button appearance="danger" isDisabled={busy === 'cancel'} onClick={() => void runs.cancel()}>
            {busy === 'cancel' ? 'Cancelling…' : 'Cancel run'}
          </Button>
        )}
      </div>
      {!configured && <p className="field-hint">Save the connection first (Connection tab).</p>}
      {configured && dirty && (
        <p className="field-hint">You have unsaved changes: runs use the saved settings. Save first to preview them.</p>
      )}
      {active && <p className="field-hint">A run is in progress: a new one can start when it finishes.</p>}
      {pendingApproval && !active && (
        <p className="field-hint">
          A sync is waiting for approval: approve or discard it (at the top of the page) before starting another run.
        </p>
      )}
      {confirming && (
        <ConfirmSync
          plan={plan}
          rules={rules}
          onConfirm={() => void start('syncNow')}
          onCancel={() => setConfirming(false)}
        />
      )}
    </>
  );
}
