import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import type { RunSummary } from '../../../../../src/shared/resolver-contract';
import { formatCount, formatDuration, formatTime, humanize } from '../../ui/format';
import { runStage } from '../runs/run-stage';
import { StatusLozenge } from '../../ui/lozenge';
import { driftRepairText, pointsText } from '../runs/run-points';

interface RunListProps {
  runs: readonly RunSummary[];
  selectedId: string | null;
  onOpen: (runId: string) => void;
}

const HEAD = {
  cells: [
    { key: 'started', content: 'Started' },
    { key: 'status', content: 'Status' },
    { key: 'what', content: 'Run' },
    { key: 'duration', content: 'Duration' },
    { key: 'changes', content: 'Groups created / members added / removed' },
    { key: 'failed', content: 'Failed changes' },
    { key: 'calls', content: 'API calls' },
    { key: 'points', content: 'Jira points' },
    { key: 'warnings', content: 'Warnings' },
  ],
};

/** Created / added / removed as the run's stage allows: planned for previews and held runs, applied for syncs. */
function changesText(r: RunSummary): string {
  const stage = runStage(r);
  if (stage === 'planned' || stage === 'held')
    return `${formatCount(r.counts.creates)} / ${formatCount(r.counts.adds)} / ${formatCount(r.counts.removals)} planned`;
  if (stage === 'applying') return 'In progress';
  if (!r.applied)
    return r.status === 'succeeded'
      ? `${formatCount(r.counts.creates)} / ${formatCount(r.counts.adds)} / ${formatCount(r.counts.removals)}`
      : 'Not recorded';
  return `${formatCount(r.applied.creates)} / ${formatCount(r.applied.adds)} / ${formatCount(r.applied.removals)} applied`;
}

/** Every recorded run, newest first, twenty to a page. */
export function RunList({ runs, selectedId, onOpen }: RunListProps) {
  const rows = runs.map((r) => ({
    key: r.id,
    isHighlighted: r.id === selectedId,
    cells: [
      {
        key: 'started',
        content: (
          <Button
            appearance="subtle"
            spacing="compact"
            onClick={() => onOpen(r.id)}
            aria-label={`${formatTime(r.startedAt)}: open this ${r.mode === 'preview' ? 'preview' : 'sync'}`}
          >
            {formatTime(r.startedAt)}
          </Button>
        ),
      },
      { key: 'status', content: <StatusLozenge status={r.status} resolution={r.resolution?.state} /> },
      {
        key: 'what',
        content: `${r.mode === 'preview' ? 'Preview' : 'Sync'}, ${r.kind}, ${humanize(r.trigger).toLowerCase()}`,
      },
      { key: 'duration', content: r.finishedAt === null ? 'In progress' : formatDuration(r.finishedAt - r.startedAt) },
      { key: 'changes', content: changesText(r) },
      { key: 'failed', content: formatCount(r.counts.failed) },
      {
        key: 'calls',
        content: (
          <span
            title={`Graph ${r.calls.graph}, Jira ${r.calls.jira} (${r.calls.jiraWrites} writes), throttled ${r.calls.throttled}`}
          >
            {formatCount(r.calls.graph + r.calls.jira)}
          </span>
        ),
      },
      { key: 'points', content: <RunPoints run={r} /> },
      {
        key: 'warnings',
        content: r.warnings.length > 0 ? <span title={r.warnings.join('\n')}>{r.warnings.length}</span> : '–',
      },
    ],
  }));
  return (
    <div className="table-scroll">
      <DynamicTable
        label="Runs"
        head={HEAD}
        rows={rows}
        rowsPerPage={20}
        defaultPage={1}
        paginationi18n={{
          prev: 'Previous page of runs',
          next: 'Next page of runs',
          label: 'Pages of runs',
          pageLabel: 'Page',
        }}
      />
    </div>
  );
}

/** The points a run cost, and the drift-repair slice it re-read. */
function RunPoints({ run }: { run: RunSummary }) {
  const drift = driftRepairText(run);
  return (
    <>
      {pointsText(run)}
      {drift && <span className="muted small cell-note">drift repair: {drift}</span>}
    </>
  );
}
