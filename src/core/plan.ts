import { desiredMemberships } from './desired-memberships';
import type { GroupChanges } from './group-changes';
import { groupChanges } from './group-changes';
import type { MembershipChange, Operation, Plan, PlanInput } from './plan-types';
import { userOutcomes } from './user-outcomes';

export type { GroupChange, Operation, Plan, PlanInput, UserInput, UserOutcome } from './plan-types';
export { PENDING_ACCOUNT_PREFIX } from './plan-types';

/**
 * The whole sync decision as a pure function: desired memberships of each writable Jira group are
 * the in-scope, matched users of the Entra groups mapped to it; the plan adds what is missing and
 * removes what is extra. Deterministic order: creates, then adds, then removals, each sorted.
 */
export function planSync(input: PlanInput): Plan {
  const { desired, groupsOfUser, protectedFor, kept } = desiredMemberships(input);
  const changes = groupChanges(input, desired, kept);
  const operations = inApplyOrder(changes);
  return {
    operations,
    users: userOutcomes(input.users.values(), operations, { groupsOfUser, protectedFor, keptFor: changes.keptFor }),
    targets: input.targets,
    managedMemberships: changes.managedMemberships,
    groups: changes.groups,
  };
}

/** Groups to create, then accounts to create, then adds, then removals; each sorted so the plan does not depend on read order. */
function inApplyOrder(changes: GroupChanges): Operation[] {
  const byGroupThenAccount = (a: MembershipChange, b: MembershipChange): number =>
    a.group.localeCompare(b.group) || a.accountId.localeCompare(b.accountId);
  return [
    ...[...changes.creates]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, entraGroupId]): Operation => ({ op: 'createGroup', group, entraGroupId })),
    ...[...changes.userCreates.values()].sort((a, b) => a.email.localeCompare(b.email)),
    ...changes.adds.sort(byGroupThenAccount),
    ...changes.removals.sort(byGroupThenAccount),
  ];
}
