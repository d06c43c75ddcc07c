import type { ChangeResult, RunSummary } from '../../../../../src/shared/resolver-contract';
import type { Tone } from '../../ui/lozenge';

/**
 * Where a run's changes stand, which decides every word the page uses about them: a preview only
 * plans, a held run has staged changes, an applying run is writing, a finished apply run is done
 * (whatever its status is called, so a new status such as "completed with failures" reads as done).
 */
export type RunStage = 'planned' | 'held' | 'applying' | 'done';

export function runStage(run: Pick<RunSummary, 'mode' | 'status'>): RunStage {
  if (run.mode === 'preview') return 'planned';
  if (run.status === 'needs-approval') return 'held';
  if (run.status === 'queued' || run.status === 'running') return 'applying';
  return 'done';
}

const PLANNED_RESULT: Record<RunStage, string> = {
  planned: 'Planned',
  held: 'Staged, not applied',
  applying: 'Not applied yet',
  done: 'Not applied',
};

export function resultLabel(result: ChangeResult | string, stage: RunStage): { label: string; tone: Tone } {
  if (result === 'applied') return { label: 'Applied', tone: 'success' };
  if (result === 'failed') return { label: 'Failed', tone: 'removed' };
  if (result === 'skipped') return { label: 'Skipped', tone: 'default' };
  return { label: PLANNED_RESULT[stage], tone: stage === 'done' ? 'moved' : 'new' };
}

const OUTCOME_WORDS: Record<'added' | 'removed', Record<RunStage, string>> = {
  added: { planned: 'To add', held: 'To add (held)', applying: 'Being added', done: 'Added' },
  removed: { planned: 'To remove', held: 'To remove (held)', applying: 'Being removed', done: 'Removed' },
};

/** The outcome of a user as the run's stage allows saying it: "Added" only once the run has applied. */
export function outcomeWord(outcome: string, stage: RunStage): string | null {
  return outcome === 'added' || outcome === 'removed' ? OUTCOME_WORDS[outcome][stage] : null;
}
