import type { RunSummary, WriteProgress } from '../../../../../src/shared/resolver-contract';
import { formatCount, formatDuration, formatTime } from '../../ui/format';
import type { RunStage } from './run-stage';
import { runStage } from './run-stage';
import { driftRepairDetail, pointsText } from './run-points';
import type { Tile } from '../../ui/tiles';
import { Tiles } from '../../ui/tiles';

const PLANNED_LABELS = {
  creates: 'Groups or accounts to create',
  adds: 'Members to add',
  removals: 'Members to remove',
};
const DONE_LABELS = { creates: 'Groups or accounts created', adds: 'Members added', removals: 'Members removed' };

/**
 * The run's numbers at a glance, in the words its stage allows: a preview's and a held run's are
 * to do; a running sync's are done so far of planned; a finished one's are what Jira took.
 */
export function RunCounts({ run, writes }: { run: RunSummary; writes?: WriteProgress }) {
  const stage = runStage(run);
  const { counts, calls } = run;
  const drift = driftRepairDetail(run);
  const applied = writes?.applied ?? run.applied;
  const planning = stage === 'applying' && !['apply', 'apply-parts', 'finish'].includes(run.phase);
  const tiles: Tile[] = planning ? [] : kindTiles(stage, counts, applied);
  const failed = writes?.failed ?? counts.failed;
  if (stage === 'applying' || stage === 'done')
    tiles.push({
      label: 'Changes failed',
      value: formatCount(failed),
      ...(failed > 0 ? { tone: 'danger' as const } : {}),
    });
  const notApplied = writes && stage === 'done' ? writes.planned - writes.done : 0;
  if (notApplied > 0) tiles.push({ label: 'Planned, not applied', value: formatCount(notApplied), tone: 'warning' });
  if (!planning) {
    tiles.push({ label: 'Users in scope', value: formatCount(counts.usersInScope) });
    tiles.push({
      label: 'Not in Jira',
      value: formatCount(counts.notInJira),
      ...(counts.notInJira > 0 ? { tone: 'warning' as const } : {}),
    });
  }
  return (
    <div>
      {tiles.length > 0 && <Tiles label="Run counts" tiles={tiles} />}
      <p className="run-meta">
        Started {formatTime(run.startedAt)}
        {run.finishedAt !== null && <> · took {formatDuration(run.finishedAt - run.startedAt)}</>}
        {' · '}API calls: Graph {formatCount(calls.graph)}, Jira {formatCount(calls.jira)} (
        {formatCount(calls.jiraWrites)} writes)
        {calls.throttled > 0 && <>, throttled {formatCount(calls.throttled)}</>}
        {' · '}Jira points{run.finishedAt === null ? ' so far' : ''}: {pointsText(run)}
        {drift && <> · drift repair {drift}</>}
      </p>
    </div>
  );
}

function kindTiles(stage: RunStage, counts: RunSummary['counts'], applied: RunSummary['applied']): Tile[] {
  const kinds = ['creates', 'adds', 'removals'] as const;
  if (stage === 'planned' || stage === 'held')
    return kinds.map((k) => ({
      label: stage === 'held' ? `Staged: ${PLANNED_LABELS[k].toLowerCase()}` : PLANNED_LABELS[k],
      value: formatCount(counts[k]),
    }));
  if (stage === 'applying')
    return kinds.map((k) => ({
      label: `${DONE_LABELS[k]} so far`,
      value: `${formatCount(applied?.[k] ?? 0)} of ${formatCount(counts[k])}`,
    }));
  // A finished run from before applied counts were recorded has no `applied`: say so rather than guess.
  return kinds.map((k) => ({ label: DONE_LABELS[k], value: applied ? formatCount(applied[k]) : '–' }));
}
