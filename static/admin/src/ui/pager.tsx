import Pagination from '@atlaskit/pagination';

interface PagerProps {
  id: string;
  offset: number;
  pageSize: number;
  total: number;
  onOffset: (offset: number) => void;
}

/** Atlassian pagination over a list paged on the server, with "Rows 51–100 of 1,234". */
export function Pager({ id, offset, pageSize, total, onOffset }: PagerProps) {
  if (total <= pageSize) return null;
  const pages = Array.from({ length: Math.ceil(total / pageSize) }, (_, i) => i + 1);
  const last = Math.min(offset + pageSize, total);
  return (
    <div className="pager">
      <Pagination
        pages={pages}
        selectedIndex={Math.floor(offset / pageSize)}
        max={7}
        label={`${id} pages`}
        previousLabel={`Previous page of ${id.toLowerCase()}`}
        nextLabel={`Next page of ${id.toLowerCase()}`}
        onChange={(_event, page) => onOffset((page - 1) * pageSize)}
      />
      <span className="muted small" aria-live="polite">
        Rows {(offset + 1).toLocaleString()}–{last.toLocaleString()} of {total.toLocaleString()}
      </span>
    </div>
  );
}
