import { useEffect, useState } from 'react';
import type { ChangeOp, ChangeResult, RunStatus } from '../../../../../src/shared/resolver-contract';
import { changesCsv } from './run-csv';
import { allChanges, PAGE, useRunChangesPage } from './use-run-pages';
import { ErrorBanner } from '../../ui/banner';
import { DownloadButton } from '../../ui/download-button';
import DynamicTable from '@atlaskit/dynamic-table';
import { FilterSelect, FilterText } from '../../ui/filters';
import { Lozenge } from '../../ui/lozenge';
import type { RunStage } from './run-stage';
import { resultLabel } from './run-stage';
import { Pager } from '../../ui/pager';

const CHANGE_HEAD = {
  cells: [
    { key: 'op', content: 'Operation' },
    { key: 'group', content: 'Jira group' },
    { key: 'user', content: 'User' },
    { key: 'result', content: 'Result' },
  ],
};

export const OP_LABELS: Record<ChangeOp, string> = {
  createGroup: 'Create group',
  addMember: 'Add member',
  removeMember: 'Remove member',
  createUser: 'Create user',
};

const RESULTS: ChangeResult[] = ['applied', 'planned', 'failed', 'skipped'];

interface RunChangesProps {
  runId: string;
  /** Changes when the run has moved on and the page should be read again. */
  version: string;
  /** Fixed operation filter (the approval banner shows removals only). */
  op?: ChangeOp;
  title?: string;
  /** The run's status, so an empty list is explained truthfully (a failed run planned nothing). */
  status?: RunStatus;
  /** Where the run stands: a planned change reads "Planned", "Staged" or "Not applied" accordingly. */
  stage: RunStage;
}

/** Why a run has no changes to list. */
function emptyMessage(status: RunStatus | undefined): string {
  if (status === 'failed') return 'No changes: the run stopped before it planned any (see its error).';
  if (status === 'cancelled') return 'No changes: the run was cancelled before it planned any.';
  if (status === 'queued' || status === 'running') return 'No changes planned yet.';
  return 'No changes: the Jira groups already match Entra.';
}

/** Every change of a run, paged from the server, filterable by operation, result and text. */
export function RunChanges({ runId, version, op: fixedOp, title = 'Changes', status, stage }: RunChangesProps) {
  const [op, setOp] = useState<ChangeOp | ''>(fixedOp ?? '');
  const [result, setResult] = useState<ChangeResult | ''>('');
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const id = `changes-${fixedOp ?? 'all'}`;

  useEffect(() => setOffset(0), [op, result, text, runId]);

  const { data: page, error } = useRunChangesPage(runId, { op, result, text }, offset, version);

  const filtered = Boolean(op && !fixedOp) || Boolean(result) || Boolean(text.trim());
  return (
    <div className="table-block">
      <div className="table-head">
        <h3 className="subheading" id={`${id}-title`}>
          {title}{' '}
          {page && (
            <span className="count">
              ({page.total.toLocaleString()}
              {filtered ? ' matching' : ''})
            </span>
          )}
        </h3>
        <DownloadButton
          label="Download all changes (CSV)"
          fileName={`entra-sync-${runId}-changes.csv`}
          fetchAll={() => allChanges(runId, fixedOp ? { op: fixedOp } : {})}
          toCsv={changesCsv}
        />
      </div>
      <div className="filters" role="group" aria-label={`Filter ${title.toLowerCase()}`}>
        {!fixedOp && (
          <FilterSelect<ChangeOp>
            id={`${id}-op`}
            label="Operation"
            value={op}
            options={[
              { value: '', label: 'All operations' },
              ...(Object.keys(OP_LABELS) as ChangeOp[]).map((o) => ({ value: o, label: OP_LABELS[o] })),
            ]}
            onChange={setOp}
          />
        )}
        <FilterSelect<ChangeResult>
          id={`${id}-result`}
          label="Result"
          value={result}
          options={[
            { value: '', label: 'All results' },
            ...RESULTS.map((r) => ({ value: r, label: resultLabel(r, stage).label })),
          ]}
          onChange={setResult}
        />
        <FilterText
          id={`${id}-text`}
          label="Group or user"
          value={text}
          placeholder="Filter by group or email"
          onChange={setText}
        />
      </div>
      {error && <ErrorBanner error={error} title="Could not load the changes" />}
      {page && page.total === 0 && (
        <p className="empty">{filtered ? 'No change matches these filters.' : emptyMessage(status)}</p>
      )}
      {page && page.changes.length > 0 && (
        <div className="table-scroll">
          <DynamicTable
            label={`${title} (${page.total})`}
            head={CHANGE_HEAD}
            rows={page.changes.map((c, i) => ({
              key: `${offset + i}`,
              cells: [
                { key: 'op', content: OP_LABELS[c.op] ?? c.op },
                { key: 'group', content: c.group },
                { key: 'user', content: c.email ?? <span className="muted">–</span> },
                {
                  key: 'result',
                  content: (
                    <>
                      <ResultLozenge result={c.result} stage={stage} />
                      {c.error && <p className="change-reason">{c.error.message}</p>}
                    </>
                  ),
                },
              ],
            }))}
          />
        </div>
      )}
      {page && <Pager id={title} offset={offset} pageSize={PAGE} total={page.total} onOffset={setOffset} />}
    </div>
  );
}

export function ResultLozenge({ result, stage }: { result: ChangeResult; stage: RunStage }) {
  const { label, tone } = resultLabel(result, stage);
  return <Lozenge tone={tone}>{label}</Lozenge>;
}
