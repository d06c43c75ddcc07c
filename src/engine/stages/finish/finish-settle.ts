import { settleOutcome } from '../../../core/settle-outcomes';
import type { ChangeFate } from '../../../core/settle-outcomes';
import type { StepContext } from '../../run/context';
import { writeProgress } from '../../run/report';
import { RUN_DATA } from '../../run/run-data';
import { MissingRunData } from '../../state/chunked-list';
import type { PlannedOperation } from '../plan/planned-operation';
import type { UndoneChange } from './finish-data';
import type { FinishWork } from './finish-work';

/**
 * Settling, one plan chunk a unit: what Jira took is counted, and each change that failed or was
 * never reached is kept for its user's outcome. Once an apply run has ended, its outcomes tell
 * what happened, not what was planned, so every view reads one truth.
 */
export async function settleChunk(ctx: StepContext, work: FinishWork): Promise<void> {
  const { run, deps } = ctx;
  const { cursor } = work;
  const seq = cursor.next;
  const ops = await RUN_DATA.plan.readChunk(deps.kv, run.summary.id, seq);
  if (ops === undefined) throw new MissingRunData(`Plan chunk ${seq} of run ${run.summary.id} is missing`);
  const taken = writeProgress(ops).applied;
  await RUN_DATA.undone.append(ctx, ops.flatMap(undoneChange));
  cursor.applied = {
    creates: cursor.applied.creates + taken.creates,
    adds: cursor.applied.adds + taken.adds,
    removals: cursor.applied.removals + taken.removals,
  };
  cursor.next = seq + 1;
}

function undoneChange(op: PlannedOperation): UndoneChange[] {
  if (op.op === 'createGroup' || !op.entraId || (op.result !== 'failed' && op.result !== 'planned')) return [];
  const { op: kind, group, result, error } = op;
  return [{ entraId: op.entraId, op: kind, group, result, ...(error ? { error } : {}) }];
}

/** Whether any outcome needs settling: a change of a user's did not happen, and the run kept outcomes. */
export function outcomesToSettle(ctx: StepContext): boolean {
  return RUN_DATA.undone.count(ctx.run) > 0 && RUN_DATA.userOutcomes.count(ctx.run) > 0;
}

/** One chunk of user outcomes settled against the undone changes (read once an invocation). Idempotent. */
export async function settleOutcomes(ctx: StepContext, work: FinishWork): Promise<void> {
  const { run, deps } = ctx;
  const undone = work.undone ?? (work.undone = await undoneByUser(ctx));
  const seq = work.cursor.next;
  const chunk = await RUN_DATA.userOutcomes.readChunk(deps.kv, run.summary.id, seq);
  if (chunk)
    await RUN_DATA.userOutcomes.overwriteChunk(
      deps.kv,
      run.summary.id,
      seq,
      chunk.map((user) => settleOutcome(user, undone.get(user.entraId) ?? [])),
    );
  work.cursor.next = seq + 1;
}

async function undoneByUser(ctx: StepContext): Promise<Map<string, ChangeFate[]>> {
  const byUser = new Map<string, ChangeFate[]>();
  await RUN_DATA.undone.forEach(ctx, (changes) => {
    for (const { entraId, ...fate } of changes) byUser.set(entraId, [...(byUser.get(entraId) ?? []), fate]);
  });
  return byUser;
}
