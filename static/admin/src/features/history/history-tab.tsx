import Button from '@atlaskit/button/new';
import { ErrorBanner } from '../../ui/banner';
import { HistoryChart } from './history-chart';
import { RunList } from './run-list';
import { RunResult } from '../runs/run-result';
import { Section } from '../../ui/section';
import { Spinner } from '../../ui/spinner';
import { useRunHistory } from './use-run-history';

/** Runs over time (chart and list) and the chosen run's detail with its per-user log. */
export function HistoryTab({ version }: { version: number }) {
  const { runs, error, load, selected, detailError, open: read } = useRunHistory(version);
  const open = async (runId: string) => {
    if (await read(runId)) window.setTimeout(() => document.getElementById('run-detail')?.focus(), 0);
  };

  return (
    <>
      <Section
        id="history"
        title="History"
        description="Each run with its status and numbers. Choose a run's start time to see its changes and per-user log."
      >
        {error && (
          <ErrorBanner error={error} title="Could not load the runs">
            <Button appearance="subtle" onClick={() => void load()}>
              Try again
            </Button>
          </ErrorBanner>
        )}
        {runs === null && !error && <Spinner label="Loading runs…" />}
        {runs !== null && runs.length === 0 && (
          <p className="empty">No runs yet. Start one with Preview or Sync now.</p>
        )}
        {runs !== null && runs.length > 0 && (
          <>
            <HistoryChart runs={runs} />
            <RunList runs={runs} selectedId={selected?.id ?? null} onOpen={(id) => void open(id)} />
          </>
        )}
      </Section>
      {detailError && <ErrorBanner error={detailError} title="Could not open the run" />}
      {selected && (
        <section className="section" id="run-detail" tabIndex={-1} aria-label="Run detail">
          <RunResult run={selected} heading="h2" />
        </section>
      )}
    </>
  );
}
