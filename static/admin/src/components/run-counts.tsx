import type { RunSummary } from '../../../../src/shared/resolver-contract';
import { formatCount, formatDuration, formatTime } from '../format';

/** The run's numbers at a glance, above its tables. */
export function RunCounts({ run }: { run: RunSummary }) {
  const { counts, calls } = run;
  const planned = run.mode === 'preview' || run.status === 'needs-approval';
  const tiles: Array<[string, number, string?]> = [
    [planned ? 'Groups to create' : 'Groups created', counts.creates],
    [planned ? 'Members to add' : 'Members added', counts.adds],
    [planned ? 'Members to remove' : 'Members removed', counts.removals],
    ['Failed', counts.failed, counts.failed > 0 ? 'danger' : undefined],
    ['Users in scope', counts.usersInScope],
    ['Not in Jira', counts.notInJira, counts.notInJira > 0 ? 'warning' : undefined],
  ];
  return (
    <div>
      <ul className="tiles" aria-label="Run counts">
        {tiles.map(([label, value, tone]) => (
          <li key={label} className={`tile ${tone ? `tile-${tone}` : ''}`}>
            <span className="tile-value">{formatCount(value)}</span>
            <span className="tile-label">{label}</span>
          </li>
        ))}
      </ul>
      <p className="run-meta">
        Started {formatTime(run.startedAt)}
        {run.finishedAt !== null && <> · took {formatDuration(run.finishedAt - run.startedAt)}</>}
        {' · '}API calls: Graph {formatCount(calls.graph)}, Jira {formatCount(calls.jira)} ({formatCount(calls.jiraWrites)} writes)
        {calls.throttled > 0 && <>, throttled {formatCount(calls.throttled)}</>}
      </p>
    </div>
  );
}
