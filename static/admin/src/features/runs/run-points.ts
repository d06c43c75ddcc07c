import type { RunSummary } from '../../../../../src/shared/resolver-contract';
import { formatCount } from '../../ui/format';

/**
 * What a run cost in Jira points, in words. A run that called Jira and cost nothing went through
 * the API-token identity (exempt); a run recorded before points were counted says so, never "0".
 */
export function pointsText(run: Pick<RunSummary, 'jiraPoints' | 'calls'>): string {
  if (run.jiraPoints === undefined) return 'not counted';
  if (run.jiraPoints === 0 && run.calls.jira > 0) return 'exempt (API token)';
  return `${formatCount(run.jiraPoints)} ${run.jiraPoints === 1 ? 'point' : 'points'}`;
}

/**
 * The drift-repair slice of a run in the History list ("3 of 40 managed groups; 1 not read"), or
 * null when no group was due (runs recorded before that was told apart say `groups: 0`).
 */
export function driftRepairText(run: Pick<RunSummary, 'driftRepair'>): string | null {
  const drift = run.driftRepair;
  if (!drift || (drift.groups === 0 && !drift.failedCount)) return null;
  const text = `${formatCount(drift.groups)} of ${groupsText(drift.of)}`;
  return drift.failedCount ? `${text}; ${formatCount(drift.failedCount)} not read` : text;
}

/**
 * The run detail's account of drift repair: which due groups were re-read and compared (their
 * repairs are the run's changes), which could not be read and were left as they are, and how far
 * the cycle has come.
 */
export function driftRepairDetail(run: Pick<RunSummary, 'driftRepair' | 'finishedAt'>): string | null {
  const drift = run.driftRepair;
  if (!drift || (drift.groups === 0 && !drift.failedCount && drift.due === undefined)) return null;
  const parts = [
    `${run.finishedAt === null ? 're-read so far' : 're-read'} ${formatCount(drift.groups)} of ${groupsText(drift.of)}${namesText(drift.read, drift.groups)}`,
  ];
  if (drift.failedCount)
    parts.push(
      `could not read ${formatCount(drift.failedCount)}${namesText(drift.failed, drift.failedCount)}, left as ${drift.failedCount === 1 ? 'it is' : 'they are'} (see the warnings)`,
    );
  if (drift.cycleRead !== undefined)
    parts.push(`${formatCount(drift.cycleRead)} of ${formatCount(drift.of)} this cycle`);
  return parts.join('; ');
}

function groupsText(of: number): string {
  return `${formatCount(of)} managed ${of === 1 ? 'group' : 'groups'}`;
}

/** " (a, b and 3 more)" for the names a record keeps of `count` groups. */
function namesText(names: readonly string[] | undefined, count: number): string {
  if (!names || names.length === 0) return '';
  const more = count - names.length;
  return ` (${names.join(', ')}${more > 0 ? ` and ${formatCount(more)} more` : ''})`;
}
