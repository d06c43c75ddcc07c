import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { RunSummary } from '../../../../../src/shared/resolver-contract';
import { Banner, ErrorBanner } from '../../ui/banner';
import { RunChanges } from '../runs/run-changes';
import { useApproval } from './use-approval';
import { useReadOnly } from '../access/read-only';

interface ApprovalBannerProps {
  run: RunSummary;
  onApproved: (followUp: RunSummary) => void;
  onDiscarded: () => void;
}

/** A run held by the deletion circuit-breaker: its staged removals, and Approve or Discard. */
export function ApprovalBanner({ run, onApproved, onDiscarded }: ApprovalBannerProps) {
  // A Jira admin who is not a site admin sees the held run but cannot decide on it.
  const readOnly = useReadOnly();
  const { busy, error, decide } = useApproval(run.id, onApproved, onDiscarded);
  const [showing, setShowing] = useState(true);

  return (
    <section className="approval" aria-label="Sync waiting for approval">
      <Banner
        kind="warning"
        level="h2"
        title={readOnly ? 'A sync is waiting for a site admin’s approval' : 'A sync is waiting for your approval'}
      >
        <p>
          {run.error?.message ?? 'This run would remove more memberships than the removal limits allow.'} Nothing has
          been changed yet: {run.counts.removals.toLocaleString()} removals and {run.counts.adds.toLocaleString()}{' '}
          additions are staged.
        </p>
        {readOnly ? (
          <p className="banner-fix">Only a site admin can approve or discard this run.</p>
        ) : (
          <p className="banner-fix">
            Approve runs the sync now and allows only the removals listed here; Discard drops it (the next run plans
            again).
          </p>
        )}
        <div className="button-row">
          {!readOnly && (
            <>
              <Button appearance="primary" isDisabled={busy !== null} onClick={() => void decide('approve')}>
                {busy === 'approve' ? 'Approving…' : 'Approve and sync'}
              </Button>
              <Button appearance="danger" isDisabled={busy !== null} onClick={() => void decide('discard')}>
                {busy === 'discard' ? 'Discarding…' : 'Discard'}
              </Button>
            </>
          )}
          <Button appearance="subtle" aria-expanded={showing} onClick={() => setShowing((s) => !s)}>
            {showing ? 'Hide staged removals' : 'Show staged removals'}
          </Button>
        </div>
        {error && <ErrorBanner error={error} title="The decision was not recorded" />}
      </Banner>
      {showing && <RunChanges runId={run.id} version={run.id} op="removeMember" title="Staged removals" stage="held" />}
    </section>
  );
}
