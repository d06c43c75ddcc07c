import type { RunSummary } from '../../../../src/shared/resolver-contract';
import { formatCount, formatDuration, formatTime, humanize } from '../format';
import { StatusLozenge } from './lozenge';

interface RunListProps {
  runs: readonly RunSummary[];
  selectedId: string | null;
  onOpen: (runId: string) => void;
}

/** Every recorded run, newest first: status, trigger, kind, duration, counts, calls, warnings. */
export function RunList({ runs, selectedId, onOpen }: RunListProps) {
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Runs">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Status</th>
            <th scope="col">Trigger</th>
            <th scope="col">Kind</th>
            <th scope="col">Duration</th>
            <th scope="col" className="num">
              Created / added / removed
            </th>
            <th scope="col" className="num">
              Errors
            </th>
            <th scope="col" className="num">
              API calls
            </th>
            <th scope="col" className="num">
              Warnings
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} className={r.id === selectedId ? 'selected' : undefined} aria-selected={r.id === selectedId}>
              <td>
                <button type="button" className="button button-link" onClick={() => onOpen(r.id)} aria-label={`Open the ${r.mode === 'preview' ? 'preview' : 'sync'} started ${formatTime(r.startedAt)}`}>
                  {formatTime(r.startedAt)}
                </button>
              </td>
              <td>
                <StatusLozenge status={r.status} />
              </td>
              <td>{humanize(r.trigger)}</td>
              <td>
                {r.mode === 'preview' ? 'Preview' : 'Sync'}, {r.kind}
              </td>
              <td>{r.finishedAt === null ? 'In progress' : formatDuration(r.finishedAt - r.startedAt)}</td>
              <td className="num">
                {formatCount(r.counts.creates)} / {formatCount(r.counts.adds)} / {formatCount(r.counts.removals)}
              </td>
              <td className="num">{formatCount(r.counts.failed)}</td>
              <td className="num" title={`Graph ${r.calls.graph}, Jira ${r.calls.jira} (${r.calls.jiraWrites} writes), throttled ${r.calls.throttled}`}>
                {formatCount(r.calls.graph + r.calls.jira)}
              </td>
              <td className="num">{r.warnings.length > 0 ? <span title={r.warnings.join('\n')}>{r.warnings.length}</span> : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
