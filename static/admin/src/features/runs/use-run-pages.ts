import type { ChangeOp, ChangeResult, ChangeRow, Envelope, UserRow } from '../../../../../src/shared/resolver-contract';
import { api } from '../../api';
import { useDebouncedQuery } from '../../hooks/use-debounced-query';
import type { Paged } from '../../ui/csv';

/** Rows in a page of the run tables on screen. */
export const PAGE = 50;

export interface ChangeFilter {
  op?: ChangeOp | '';
  result?: ChangeResult | '';
  text?: string;
}

export interface UserFilter {
  outcome?: string;
  text?: string;
}

/** The filter as the resolvers take it: empty choices left out, text trimmed and cut to their 120 characters. */
function asked<F extends { [K in keyof F]?: string }>(filter: F): { [K in keyof F]?: Exclude<F[K], ''> } {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter) as Array<[string, string | undefined]>) {
    const v = key === 'text' ? value?.trim().slice(0, 120) : value;
    if (v) out[key] = v;
  }
  return out as { [K in keyof F]?: Exclude<F[K], ''> };
}

/** A page of a run's changes, re-read when the filter, the page or the run (`version`) moves on. */
export function useRunChangesPage(runId: string, filter: ChangeFilter, offset: number, version: string) {
  return useDebouncedQuery(
    () => api.getRunChanges({ runId, ...asked(filter), offset, limit: PAGE }),
    [runId, filter.op, filter.result, filter.text, offset, version],
  );
}

/** A page of a run's per-user log, re-read when the filter, the page or the run (`version`) moves on. */
export function useRunLogPage(runId: string, filter: UserFilter, offset: number, version: string) {
  return useDebouncedQuery(
    () => api.getRunLog({ runId, ...asked(filter), offset, limit: PAGE }),
    [runId, filter.outcome, filter.text, offset, version],
  );
}

/** Every row of a paged resolver, page by page, for a download (never just the rows on screen). */
async function everyRow<T, P extends { total: number }>(
  readPage: (offset: number) => Promise<Envelope<P>>,
  rowsOf: (page: P) => T[],
): Promise<Paged<T>> {
  const rows: T[] = [];
  for (;;) {
    const res = await readPage(rows.length);
    if (!res.ok) return res;
    const got = rowsOf(res.data);
    rows.push(...got);
    if (got.length === 0 || rows.length >= res.data.total) return { ok: true, rows };
  }
}

export const allChanges = (runId: string, filter: ChangeFilter): Promise<Paged<ChangeRow>> =>
  everyRow(
    (offset) => api.getRunChanges({ runId, ...asked(filter), offset, limit: 5000 }),
    (page) => page.changes,
  );

export const allUsers = (runId: string, filter: UserFilter): Promise<Paged<UserRow>> =>
  everyRow(
    (offset) => api.getRunLog({ runId, ...asked(filter), offset, limit: 1000 }),
    (page) => page.users,
  );
