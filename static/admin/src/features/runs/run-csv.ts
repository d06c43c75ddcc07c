import type { ChangeRow, UserRow } from '../../../../../src/shared/resolver-contract';
import { toCsv } from '../../ui/csv';

/** A run's changes and per-user log as CSV, the columns the downloads have always had. */

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
