import DynamicTable from '@atlaskit/dynamic-table';
import type { ReactNode } from 'react';

export interface Column<K extends string> {
  key: K;
  label: string;
}

/** An Atlassian dynamic table from columns and rows of cells by column key. */
export function DataTable<K extends string>({
  label,
  columns,
  rows,
}: {
  label: string;
  columns: ReadonlyArray<Column<K>>;
  rows: ReadonlyArray<{ key: string; cells: Record<K, ReactNode> }>;
}) {
  return (
    <div className="table-scroll">
      <DynamicTable
        label={label}
        head={{ cells: columns.map((c) => ({ key: c.key, content: c.label })) }}
        rows={rows.map((r) => ({ key: r.key, cells: columns.map((c) => ({ key: c.key, content: r.cells[c.key] })) }))}
      />
    </div>
  );
}
