import { checkGroupGuards, checkRemovalThreshold } from '../../../core/guards';
import type { RemovalLimits, ThresholdVerdict } from '../../../core/guards';
import type { Plan } from '../../../core/plan';
import type { StepContext } from '../../run/context';
import { RUN_DATA } from '../../run/run-data';
import { loadRun } from '../../run/store';
import type { PlannedOperation } from './planned-operation';

export type Verdict = { ok: true } | (Extract<ThresholdVerdict, { ok: false }> & { code: string });

/**
 * The run-wide breaker, then the per-group guards. An incremental plan sees only the changed
 * users' memberships, so the per-group guards judge the groups a plan sees whole: every group in a
 * full plan, the re-read groups of a drift repair.
 */
export function removalVerdict(plan: Plan, limits: RemovalLimits, seenWhole: (jiraGroup: string) => boolean): Verdict {
  const runWide = checkRemovalThreshold(plan, limits);
  if (!runWide.ok) return { ...runWide, code: 'removal-threshold-exceeded' };
  const perGroup = checkGroupGuards(
    plan.groups.filter((g) => seenWhole(g.group)),
    limits,
  );
  return perGroup.ok ? perGroup : { ...perGroup, code: 'group-removal-guard' };
}

/**
 * A run started by approving a held run may pass the circuit-breaker, but only for removals the
 * admin saw: if the source changed and the plan now removes anything else, it is held again.
 */
export async function approvedOrChecked(
  ctx: StepContext,
  operations: PlannedOperation[],
  verdict: Verdict,
): Promise<Verdict> {
  const heldId = ctx.run.summary.approves;
  if (verdict.ok || !heldId) return verdict;
  const held = await loadRun(ctx.deps.kv, heldId);
  const staged = held ? await RUN_DATA.plan.readOf(ctx.deps.kv, heldId, RUN_DATA.plan.count(held)) : [];
  const key = (op: PlannedOperation) => (op.op === 'removeMember' ? `${op.groupId}:${op.accountId}` : '');
  const approved = new Set(staged.filter((op) => op.op === 'removeMember').map(key));
  const unapproved = operations.filter(
    (op) => op.op === 'removeMember' && op.result === 'planned' && !approved.has(key(op)),
  );
  if (unapproved.length === 0) return { ok: true };
  return {
    ...verdict,
    message: `The directory changed since run ${heldId} was approved: ${unapproved.length} removals were not in the approved plan. Review the new plan, then approve or discard it.`,
  };
}
