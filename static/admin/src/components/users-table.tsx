import type { UserRow } from '../../../../src/shared/resolver-contract';
import { humanize } from '../format';
import type { Column } from './filterable-table';
import { FilterableTable } from './filterable-table';

// The reason codes of design.md section 4, as the admin reads them.
const OUTCOMES: Record<string, string> = {
  'out-of-scope': 'Out of scope',
  disabled: 'Disabled',
  'guest-excluded': 'Guest excluded',
  'domain-excluded': 'Domain excluded',
  'no-identifier': 'No identifier',
  'not-in-jira': 'Not in Jira',
  'ambiguous-match': 'Ambiguous match',
  'protected-group': 'Protected group',
  added: 'Added',
  removed: 'Removed',
  unchanged: 'Unchanged',
  failed: 'Failed',
};

const outcomeLabel = (outcome: string): string => OUTCOMES[outcome] ?? humanize(outcome);

const COLUMNS: ReadonlyArray<Column<UserRow>> = [
  {
    header: 'User',
    cell: (r) => r.identifier ?? <span className="muted">No identifier ({r.entraId})</span>,
    text: (r) => `${r.identifier ?? ''} ${r.entraId}`,
  },
  { header: 'Outcome', cell: (r) => outcomeLabel(r.outcome), text: (r) => `${r.outcome} ${outcomeLabel(r.outcome)}` },
  { header: 'Reason', cell: (r) => r.reason, text: (r) => r.reason },
];

export function UsersTable({ users }: { users: readonly UserRow[] }) {
  return <FilterableTable id="users" title="Users" rows={users} columns={COLUMNS} empty="No users were looked at in this run." />;
}
