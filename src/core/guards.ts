import type { Plan } from './plan';

export interface RemovalLimits {
  enabled: boolean;
  maxPerRun: number;
  maxPercent: number;
}

export type ThresholdVerdict = { ok: true } | { ok: false; removals: number; managedMemberships: number; message: string };

/**
 * The deletion circuit-breaker: removals above the count or the share of managed memberships stop
 * the run for approval before any change (Entra's accidental-deletion threshold, GCDS limits).
 */
export function checkRemovalThreshold(plan: Plan, limits: RemovalLimits): ThresholdVerdict {
  if (!limits.enabled) return { ok: true };
  const removals = plan.operations.filter((op) => op.op === 'removeMember' && !op.skipped).length;
  if (removals === 0) return { ok: true };
  const percent = plan.managedMemberships === 0 ? 100 : (removals * 100) / plan.managedMemberships;
  const overCount = removals > limits.maxPerRun;
  const overPercent = percent > limits.maxPercent;
  if (!overCount && !overPercent) return { ok: true };
  const why = [
    overCount ? `more than the ${limits.maxPerRun} allowed per run` : null,
    overPercent ? `${percent.toFixed(1)}% of ${plan.managedMemberships} managed memberships, over the ${limits.maxPercent}% limit` : null,
  ]
    .filter(Boolean)
    .join(' and ');
  return { ok: false, removals, managedMemberships: plan.managedMemberships, message: `The plan removes ${removals} memberships: ${why}. Review the plan, then approve or discard it.` };
}
