import type { ChangeRow, ErrorInfo, UserRow } from '../../../../src/shared/resolver-contract';
import { call } from '../api';

/** CSV export of run tables: every row, paged from the resolvers, never just the rows on screen. */

const CHANGES_PAGE = 5000;
const USERS_PAGE = 1000;

function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // Quote always; neutralise spreadsheet formulas (=, +, -, @ at the start).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type Paged<T> = { ok: true; rows: T[] } | { ok: false; error: ErrorInfo };

export interface ChangeFilter {
  op?: string;
  result?: string;
  text?: string;
}

export async function allChanges(runId: string, filter: ChangeFilter): Promise<Paged<ChangeRow>> {
  const rows: ChangeRow[] = [];
  for (;;) {
    const res = await call('getRunChanges', { runId, ...filter, offset: rows.length, limit: CHANGES_PAGE });
    if (!res.ok) return res;
    rows.push(...res.data.changes);
    if (res.data.changes.length === 0 || rows.length >= res.data.total) return { ok: true, rows };
  }
}

export async function allUsers(runId: string, filter: { outcome?: string; text?: string }): Promise<Paged<UserRow>> {
  const rows: UserRow[] = [];
  for (;;) {
    const res = await call('getRunLog', { runId, ...filter, offset: rows.length, limit: USERS_PAGE });
    if (!res.ok) return res;
    rows.push(...res.data.users);
    if (res.data.users.length === 0 || rows.length >= res.data.total) return { ok: true, rows };
  }
}

export const changesCsv = (rows: readonly ChangeRow[]): string =>
  toCsv(
    ['operation', 'group', 'email', 'result'],
    rows.map((r) => [r.op, r.group, r.email, r.result]),
  );

export const usersCsv = (rows: readonly UserRow[]): string =>
  toCsv(
    ['entraId', 'identifier', 'outcome', 'reason'],
    rows.map((r) => [r.entraId, r.identifier, r.outcome, r.reason]),
  );
