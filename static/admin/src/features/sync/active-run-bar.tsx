import Button from '@atlaskit/button/new';
import type { RunSummary, WriteProgress } from '../../../../../src/shared/resolver-contract';
import { RunProgress } from '../runs/run-progress';

const STARTED_BY: Record<RunSummary['trigger'], string> = {
  scheduled: 'Started by the schedule',
  'change-notification': 'Started by Entra change notifications',
  manual: 'Started manually',
  cli: 'Started from the command line',
};

/** A running sync, on every tab and for every admin who opens the page, with a way to it. */
export function ActiveRunBar({
  run,
  writes,
  onShow,
}: {
  run: RunSummary;
  writes: WriteProgress | undefined;
  onShow: () => void;
}) {
  return (
    <div className="active-run" aria-label="Sync in progress">
      <div className="active-run-head">
        <strong>{run.mode === 'preview' ? 'A preview is running' : 'A sync is running'}</strong>
        <span className="muted small">
          {STARTED_BY[run.trigger]} · {new Date(run.startedAt).toLocaleTimeString()}
        </span>
        <Button appearance="subtle" onClick={onShow}>
          Show progress
        </Button>
      </div>
      <RunProgress run={run} {...(writes ? { writes } : {})} />
    </div>
  );
}
