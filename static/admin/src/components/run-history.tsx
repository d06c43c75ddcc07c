import { useCallback, useEffect, useState } from 'react';
import type { ErrorInfo, RunSummary } from '../../../../src/shared/resolver-contract';
import * as api from '../api';
import { formatCount, formatDuration, formatTime, humanize } from '../format';
import { ErrorBanner } from './banner';
import { StatusLozenge } from './lozenge';
import { Section } from './section';
import { Spinner } from './spinner';

interface RunHistoryProps {
  /** Changes whenever the list should be read again. */
  version: number;
  selectedId: string | null;
  onOpen: (runId: string) => void;
}

export function RunHistory({ version, selectedId, onOpen }: RunHistoryProps) {
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    const res = await api.listRuns();
    setLoading(false);
    if (res.ok) {
      setRuns(res.data);
      setError(null);
    } else {
      setError(res.error);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, version]);

  return (
    <Section id="history" title="Last runs">
      {error && (
        <ErrorBanner error={error} title="Could not load the last runs">
          <button type="button" className="button button-subtle" onClick={() => void load()}>
            Try again
          </button>
        </ErrorBanner>
      )}
      {loading && runs === null && <Spinner label="Loading runs…" />}
      {runs !== null && runs.length === 0 && <p className="empty">No runs yet.</p>}
      {runs !== null && runs.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Trigger</th>
                <th scope="col">Mode</th>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
                <th scope="col" className="num">
                  Adds / removals
                </th>
                <th scope="col" className="num">
                  API calls
                </th>
                <th scope="col">
                  <span className="visually-hidden">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} className={r.id === selectedId ? 'selected' : undefined}>
                  <td>
                    <StatusLozenge status={r.status} />
                  </td>
                  <td>{humanize(r.trigger)}</td>
                  <td>{r.mode === 'preview' ? 'Preview' : 'Sync'}</td>
                  <td>{formatTime(r.startedAt)}</td>
                  <td>{r.finishedAt === null ? 'In progress' : formatDuration(r.finishedAt - r.startedAt)}</td>
                  <td className="num">
                    {formatCount(r.counts.adds)} / {formatCount(r.counts.removals)}
                  </td>
                  <td className="num" title={`Graph ${r.calls.graph}, Jira ${r.calls.jira} (${r.calls.jiraWrites} writes)`}>
                    {formatCount(r.calls.graph + r.calls.jira)}
                  </td>
                  <td>
                    <button type="button" className="button button-link" aria-label={`Show the run started ${formatTime(r.startedAt)}`} onClick={() => onOpen(r.id)}>
                      Show
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
