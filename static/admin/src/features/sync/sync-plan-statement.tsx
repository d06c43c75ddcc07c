import type { RunSummary } from '../../../../../src/shared/resolver-contract';
import { formatCount, formatTime } from '../../ui/format';

/** The saved settings Sync now depends on: removal limits and the schedule. */
export interface SyncRules {
  removals: { enabled: boolean; maxPerRun: number; maxPercent: number; maxGroupPercent: number } | null;
  scheduleEnabled: boolean;
  nextScheduledRunAt: number | null;
}

export function syncRules(saved: Record<string, unknown> | null, nextScheduledRunAt: number | null): SyncRules {
  const removals = saved?.removals as
    | { enabled?: unknown; maxPerRun?: unknown; maxPercent?: unknown; maxGroupPercent?: unknown }
    | undefined;
  const schedule = saved?.schedule as { enabled?: unknown } | undefined;
  return {
    removals: removals
      ? {
          enabled: removals.enabled !== false,
          maxPerRun: Number(removals.maxPerRun ?? 0),
          maxPercent: Number(removals.maxPercent ?? 0),
          maxGroupPercent: Number(removals.maxGroupPercent ?? 50),
        }
      : null,
    scheduleEnabled: schedule?.enabled === true,
    nextScheduledRunAt,
  };
}

/** "1 group to create, 6 members to add, 1 member to remove" from a plan's counts. */
export function planCounts(plan: RunSummary): string {
  const { creates, adds, removals } = plan.counts;
  const parts = [
    `${formatCount(creates)} ${creates === 1 ? 'group or account' : 'groups or accounts'} to create`,
    `${formatCount(adds)} ${adds === 1 ? 'member' : 'members'} to add`,
    `${formatCount(removals)} ${removals === 1 ? 'member' : 'members'} to remove`,
  ];
  return parts.join(', ');
}

/**
 * What Sync now will do, said before it is pressed: it plans again (the preview is what it would
 * do now, not a promise), the removals and the limits that hold them, and the schedule that also syncs.
 */
export function SyncPlanStatement({ plan, rules }: { plan: RunSummary | null; rules: SyncRules }) {
  const { removals } = rules;
  return (
    <div className="sync-statement" id="sync-statement">
      <p>
        <strong>Sync now</strong> reads Entra and Jira again, plans, and applies that plan at once.{' '}
        {plan ? (
          <>
            The preview from {formatTime(plan.startedAt)} planned {planCounts(plan)}; if the directories changed since,
            the sync applies the new plan.
          </>
        ) : (
          <>There is no preview yet: choose Preview to see what it would change.</>
        )}
      </p>
      {plan && plan.counts.removals > 0 && (
        <p className="sync-removals">
          It removes {formatCount(plan.counts.removals)} {plan.counts.removals === 1 ? 'membership' : 'memberships'}{' '}
          (accounts are never deleted).
        </p>
      )}
      <p className="muted">
        {removals === null
          ? 'Removal limits are not saved yet.'
          : !removals.enabled
            ? 'Removals are turned off: memberships are only added.'
            : `A run that would remove more than ${formatCount(removals.maxPerRun)} memberships, more than ${removals.maxPercent}% of all managed memberships, or more than ${removals.maxGroupPercent}% of one group's members, is held for approval with nothing changed.`}{' '}
        {rules.scheduleEnabled
          ? `The schedule also syncs${rules.nextScheduledRunAt !== null ? `; its next run is due ${formatTime(rules.nextScheduledRunAt)}` : ''}.`
          : 'The schedule is off: only Sync now syncs.'}
      </p>
    </div>
  );
}
