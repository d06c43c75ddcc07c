import { useEffect, useState } from 'react';
import { usersCsv } from './run-csv';
import { allUsers, PAGE, useRunLogPage } from './use-run-pages';
import { humanize } from '../../ui/format';
import { ErrorBanner } from '../../ui/banner';
import { DownloadButton } from '../../ui/download-button';
import type { Tone } from '../../ui/lozenge';
import DynamicTable from '@atlaskit/dynamic-table';
import { FilterSelect, FilterText } from '../../ui/filters';
import { Lozenge } from '../../ui/lozenge';
import type { RunStage } from './run-stage';
import { outcomeWord } from './run-stage';
import { Pager } from '../../ui/pager';

const USER_HEAD = {
  cells: [
    { key: 'user', content: 'User' },
    { key: 'outcome', content: 'Outcome' },
    { key: 'reason', content: 'Reason' },
  ],
};

// The reason codes of design.md section 4, as the admin reads them.
const OUTCOMES: Record<string, { label: string; tone: Tone }> = {
  added: { label: 'Added', tone: 'success' },
  removed: { label: 'Removed', tone: 'moved' },
  unchanged: { label: 'Unchanged', tone: 'default' },
  failed: { label: 'Failed', tone: 'removed' },
  'out-of-scope': { label: 'Out of scope', tone: 'default' },
  disabled: { label: 'Disabled', tone: 'default' },
  'guest-excluded': { label: 'Guest excluded', tone: 'default' },
  'domain-excluded': { label: 'Domain excluded', tone: 'default' },
  'no-identifier': { label: 'No identifier', tone: 'moved' },
  'not-in-jira': { label: 'Not in Jira', tone: 'moved' },
  'ambiguous-match': { label: 'Ambiguous match', tone: 'removed' },
  'protected-group': { label: 'Protected group', tone: 'moved' },
};

export function OutcomeLozenge({ outcome, stage = 'done' }: { outcome: string; stage?: RunStage }) {
  const o = OUTCOMES[outcome] ?? { label: humanize(outcome), tone: 'default' };
  const word = outcomeWord(outcome, stage);
  return <Lozenge tone={word && stage !== 'done' ? 'new' : o.tone}>{word ?? o.label}</Lozenge>;
}

/** A run's per-user log, paged from the server, filterable by outcome and text; downloadable. */
export function RunUsers({ runId, version, stage }: { runId: string; version: string; stage: RunStage }) {
  const [outcome, setOutcome] = useState('');
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);

  useEffect(() => setOffset(0), [outcome, text, runId]);

  const { data: page, error } = useRunLogPage(runId, { outcome, text }, offset, version);

  const filtered = Boolean(outcome) || Boolean(text.trim());
  return (
    <div className="table-block">
      <div className="table-head">
        <h3 className="subheading" id="users-title">
          Per-user log{' '}
          {page && (
            <span className="count">
              ({page.total.toLocaleString()}
              {filtered ? ' matching' : ''})
            </span>
          )}
        </h3>
        <DownloadButton
          label="Download user log (CSV)"
          fileName={`entra-sync-${runId}-users.csv`}
          fetchAll={() => allUsers(runId, {})}
          toCsv={usersCsv}
        />
      </div>
      <div className="filters" role="group" aria-label="Filter the user log">
        <FilterSelect<string>
          id="users-outcome"
          label="Outcome"
          value={outcome}
          options={[
            { value: '', label: 'All outcomes' },
            ...Object.entries(OUTCOMES).map(([code, o]) => ({
              value: code,
              label: outcomeWord(code, stage) ?? o.label,
            })),
          ]}
          onChange={setOutcome}
        />
        <FilterText
          id="users-text"
          label="User"
          value={text}
          placeholder="Filter by email, ID or reason"
          onChange={setText}
        />
      </div>
      {error && <ErrorBanner error={error} title="Could not load the user log" />}
      {page && page.total === 0 && (
        <p className="empty">{filtered ? 'No user matches these filters.' : 'No users were looked at in this run.'}</p>
      )}
      {page && page.users.length > 0 && (
        <div className="table-scroll">
          <DynamicTable
            label={`Per-user log (${page.total})`}
            head={USER_HEAD}
            rows={page.users.map((u) => ({
              key: u.entraId,
              cells: [
                { key: 'user', content: u.identifier ?? <span className="muted">No identifier ({u.entraId})</span> },
                { key: 'outcome', content: <OutcomeLozenge outcome={u.outcome} stage={stage} /> },
                { key: 'reason', content: u.reason },
              ],
            }))}
          />
        </div>
      )}
      {page && <Pager id="User log" offset={offset} pageSize={PAGE} total={page.total} onOffset={setOffset} />}
    </div>
  );
}
