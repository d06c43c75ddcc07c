import type { StepContext, UnitResult } from '../run/context';
import type { StageCursor } from '../run/cursor';

/**
 * One stage of one kind of run: its cursor as the run enters it, and one bounded unit of its work.
 * The phase table (run/phases.ts) names which stage each phase runs for each kind.
 */
export interface Stage {
  start(): StageCursor;
  unit(ctx: StepContext): Promise<UnitResult>;
}
