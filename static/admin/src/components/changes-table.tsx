import type { ChangeOp, ChangeResult, ChangeRow } from '../../../../src/shared/resolver-contract';
import type { Column } from './filterable-table';
import { FilterableTable } from './filterable-table';
import { Lozenge } from './lozenge';

const OPS: Record<ChangeOp, string> = {
  createGroup: 'Create group',
  addMember: 'Add member',
  removeMember: 'Remove member',
  createUser: 'Create user',
};

const RESULT_TONE: Record<ChangeResult, string> = { applied: 'success', planned: 'new', failed: 'removed', skipped: 'default' };

const opLabel = (op: ChangeOp): string => OPS[op] ?? op;

const COLUMNS: ReadonlyArray<Column<ChangeRow>> = [
  { header: 'Change', cell: (r) => opLabel(r.op), text: (r) => `${opLabel(r.op)} ${r.op}` },
  { header: 'Jira group', cell: (r) => r.group, text: (r) => r.group },
  { header: 'Email', cell: (r) => r.email ?? <span className="muted">–</span>, text: (r) => r.email ?? '' },
  { header: 'Result', cell: (r) => <Lozenge tone={RESULT_TONE[r.result] ?? 'default'}>{r.result}</Lozenge>, text: (r) => r.result },
];

export function ChangesTable({ changes }: { changes: readonly ChangeRow[] }) {
  return <FilterableTable id="changes" title="Changes" rows={changes} columns={COLUMNS} empty="No changes: the Jira groups already match Entra." />;
}
