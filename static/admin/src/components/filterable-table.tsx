import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** The text the filter searches in this column. */
  text: (row: T) => string;
}

interface FilterableTableProps<T> {
  id: string;
  title: string;
  rows: readonly T[];
  columns: ReadonlyArray<Column<T>>;
  empty: string;
  limit?: number;
}

/** A table with a text filter over every column; long lists show their first rows only. */
export function FilterableTable<T>({ id, title, rows, columns, empty, limit = 500 }: FilterableTableProps<T>) {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const matching = useMemo(
    () => (needle ? rows.filter((r) => columns.some((c) => c.text(r).toLowerCase().includes(needle))) : rows),
    [rows, columns, needle],
  );
  const shown = matching.slice(0, limit);
  return (
    <div className="table-block">
      <div className="table-head">
        <h3 className="subheading" id={`${id}-title`}>
          {title} <span className="count">({rows.length.toLocaleString()})</span>
        </h3>
        {rows.length > 0 && (
          <div className="filter">
            <label htmlFor={`${id}-filter`} className="visually-hidden">
              Filter {title.toLowerCase()}
            </label>
            <input id={`${id}-filter`} className="input" type="search" placeholder="Filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </div>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : matching.length === 0 ? (
        <p className="empty">Nothing matches “{filter.trim()}”.</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="table" aria-labelledby={`${id}-title`}>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.header} scope="col">
                      {c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((r, i) => (
                  <tr key={i}>
                    {columns.map((c) => (
                      <td key={c.header}>{c.cell(r)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {matching.length > shown.length && (
            <p className="field-hint">
              Showing the first {shown.length.toLocaleString()} of {matching.length.toLocaleString()}; filter to narrow the list.
            </p>
          )}
        </>
      )}
    </div>
  );
}
