import type { GroupChange, Plan } from './plan-types';

export type { GroupChange };

export interface RemovalLimits {
  enabled: boolean;
  maxPerRun: number;
  maxPercent: number;
  /** The most one group may lose in one run, as a percentage of its members. */
  maxGroupPercent: number;
}

export type ThresholdVerdict =
  | { ok: true }
  | { ok: false; removals: number; managedMemberships: number; message: string };

/**
 * The deletion circuit-breaker: removals above the count or the share of managed memberships stop
 * the run for approval before any change (Entra's accidental-deletion threshold, GCDS limits).
 */
export function checkRemovalThreshold(
  plan: Pick<Plan, 'operations' | 'managedMemberships'>,
  limits: Omit<RemovalLimits, 'maxGroupPercent'>,
): ThresholdVerdict {
  if (!limits.enabled) return { ok: true };
  const removals = countRemovals(plan);
  if (removals === 0) return { ok: true };
  const percent = plan.managedMemberships === 0 ? 100 : (removals * 100) / plan.managedMemberships;
  const overCount = removals > limits.maxPerRun;
  const overPercent = percent > limits.maxPercent;
  if (!overCount && !overPercent) return { ok: true };
  const why = [
    overCount ? `more than the ${limits.maxPerRun} allowed per run` : null,
    overPercent
      ? `${percent.toFixed(1)}% of ${plan.managedMemberships} managed memberships, over the ${limits.maxPercent}% limit`
      : null,
  ]
    .filter(Boolean)
    .join(' and ');
  return {
    ok: false,
    removals,
    managedMemberships: plan.managedMemberships,
    message: `The plan removes ${removals} memberships: ${why}. Review the plan, then approve or discard it.`,
  };
}

/**
 * The same breaker for each group on its own: a small group can be emptied while the run stays
 * under the run-wide limits. A chosen group that reads empty while its Jira group has members, or a
 * group losing more than `maxGroupPercent` of its members, holds the run for approval.
 */
export function checkGroupGuards(
  groups: readonly GroupChange[],
  limits: Pick<RemovalLimits, 'enabled' | 'maxGroupPercent'>,
): ThresholdVerdict {
  if (!limits.enabled) return { ok: true };
  const reasons: string[] = [];
  let removals = 0;
  let members = 0;
  for (const g of groups) {
    if (g.removals === 0) continue;
    const percent = (g.removals * 100) / g.members;
    if (g.sourceEmpty)
      reasons.push(`${g.group} would lose all ${g.members} members because its Entra group reads as empty`);
    else if (percent > limits.maxGroupPercent)
      reasons.push(
        `${g.group} would lose ${g.removals} of its ${g.members} members (${percent.toFixed(1)}%, over the ${limits.maxGroupPercent}% per-group limit)`,
      );
    else continue;
    removals += g.removals;
    members += g.members;
  }
  if (reasons.length === 0) return { ok: true };
  return {
    ok: false,
    removals,
    managedMemberships: members,
    message: `The plan empties or shrinks groups beyond the per-group limit: ${reasons.join('; ')}. Review the plan, then approve or discard it.`,
  };
}

function countRemovals(plan: Pick<Plan, 'operations'>): number {
  return plan.operations.filter((op) => op.op === 'removeMember' && !op.skipped).length;
}
