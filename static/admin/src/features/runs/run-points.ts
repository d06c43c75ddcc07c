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

/** The drift-repair slice of a run ("3 of 40 groups"), or null when the run re-read none or did not record it. */
export function driftRepairText(run: Pick<RunSummary, 'driftRepair'>): string | null {
  if (!run.driftRepair || run.driftRepair.groups === 0) return null;
  const { groups, of } = run.driftRepair;
  return `${formatCount(groups)} of ${formatCount(of)} managed ${of === 1 ? 'group' : 'groups'}`;
}
