import type { RunSummary, WriteProgress } from '../../../../../src/shared/resolver-contract';
import { formatCount, formatTime } from '../../ui/format';
import { runStage } from './run-stage';
import { Banner, ErrorBanner } from '../../ui/banner';

/** Whether a stopped run changed anything, from the writes it recorded. */
function changedText(run: RunSummary, writes: WriteProgress | undefined): string {
  const applied = writes?.applied ?? run.applied;
  if (!applied) return 'Whether anything was changed is not recorded for this run; see its changes below.';
  const total = applied.creates + applied.adds + applied.removals;
  if (total === 0) return 'Nothing was changed in Jira.';
  return `${formatCount(total)} ${total === 1 ? 'change was' : 'changes were'} applied before it stopped, and they are kept (see the changes marked Applied).`;
}

function nextText(run: RunSummary): string {
  return run.trigger !== 'manual' && run.trigger !== 'cli'
    ? 'The next scheduled run tries again (the schedule waits longer after repeated failures).'
    : 'Fix the cause, then choose Preview or Sync now again; the schedule, if on, also tries again.';
}

/** Who decided or started the later run, by name where Jira told it (null: the app itself). */
function who(resolution: NonNullable<RunSummary['resolution']>): string {
  if (resolution.by === null) return 'the app (the schedule or a change notification)';
  return resolution.byName ? resolution.byName : `account ${resolution.by}`;
}

/**
 * The run's end in words: what failed, whether anything changed and what happens next; held,
 * approved, discarded and superseded runs as such; failed changes counted.
 */
export function RunOutcome({ run, writes }: { run: RunSummary; writes?: WriteProgress }) {
  const stage = runStage(run);
  const failedChanges = writes?.failed ?? run.counts.failed;
  const { resolution } = run;
  return (
    <>
      {run.status === 'needs-approval' && !resolution && (
        <Banner kind="warning" title="Held for approval">
          <p>
            This run would remove more memberships than the removal limits allow, so nothing was changed. A site admin
            approves or discards it in the message at the top of this page.
          </p>
        </Banner>
      )}
      {resolution && (
        <Banner
          kind="info"
          title={
            resolution.state === 'approved' ? 'Approved' : resolution.state === 'discarded' ? 'Discarded' : 'Superseded'
          }
        >
          <p>
            {resolution.state === 'approved' &&
              `Approved by ${who(resolution)} on ${formatTime(resolution.at)}: nothing was changed by this run; the approved sync ${resolution.followUpRunId ? `(run ${resolution.followUpRunId}) ` : ''}applied its plan.`}
            {resolution.state === 'discarded' &&
              `Discarded by ${who(resolution)} on ${formatTime(resolution.at)}: nothing was changed.`}
            {resolution.state === 'superseded' &&
              `Superseded on ${formatTime(resolution.at)} by a later run${resolution.followUpRunId ? ` (${resolution.followUpRunId})` : ''} started by ${who(resolution)}: nothing was changed by this run, and it can no longer be approved.`}
          </p>
        </Banner>
      )}
      {run.status === 'failed' && (
        <ErrorBanner
          title="The run failed"
          error={run.error ?? { code: 'unknown', message: 'The app recorded no reason.' }}
        >
          <p>{changedText(run, writes)}</p>
          <p>{nextText(run)}</p>
        </ErrorBanner>
      )}
      {run.status === 'cancelled' && (
        <Banner kind="info" title="Cancelled">
          <p>{changedText(run, writes)}</p>
        </Banner>
      )}
      {stage === 'done' && run.status !== 'failed' && failedChanges > 0 && (
        <Banner
          kind="error"
          title={`${formatCount(failedChanges)} ${failedChanges === 1 ? 'change' : 'changes'} failed`}
        >
          <p>
            The other changes were applied. Filter the changes by “Failed” to see each one and why; the next sync tries
            them again.
          </p>
        </Banner>
      )}
    </>
  );
}
