import type { JiraUser } from './model';
import type { WantedMembers } from './desired-memberships';
import type { GroupChange, MembershipChange, PlanInput, UserCreate } from './plan-types';
import { PENDING_ACCOUNT_PREFIX } from './plan-types';
import type { GroupTarget } from './target-groups';
import { isWritable } from './target-groups';

/** Every change the writable groups need, unordered, with what each group holds before the run. */
export interface GroupChanges {
  /** Jira group name → the Entra group it is created for. */
  creates: Map<string, string>;
  /** Email → the account to create. */
  userCreates: Map<string, UserCreate>;
  adds: MembershipChange[];
  removals: MembershipChange[];
  /** Members not removed because an ambiguous match may be them. */
  keptFor: Array<{ group: string; accountId: string }>;
  groups: GroupChange[];
  managedMemberships: number;
}

/** Compares each writable Jira group (once, however many Entra groups map to it) with its wanted members. */
export function groupChanges(
  input: PlanInput,
  desired: ReadonlyMap<string, WantedMembers>,
  kept: ReadonlySet<string>,
): GroupChanges {
  const changes: GroupChanges = {
    creates: new Map(),
    userCreates: new Map(),
    adds: [],
    removals: [],
    keptFor: [],
    groups: [],
    managedMemberships: 0,
  };
  const seenTargets = new Set<string>();
  for (const target of input.targets) {
    if (!isWritable(target) || seenTargets.has(target.jiraGroup)) continue;
    seenTargets.add(target.jiraGroup);
    const want = desired.get(target.jiraGroup) ?? new Map();
    const current = target.groupId ? (input.jiraMembers.get(target.groupId) ?? []) : [];
    changes.managedMemberships += current.length;
    if (target.state === 'create') changes.creates.set(target.jiraGroup, target.entraGroupId);
    addMissing(changes, target, want, new Set(current.map((m) => m.accountId)));
    if (!target.groupId) continue;
    const removalsBefore = changes.removals.length;
    removeExtra(changes, input, { group: target.jiraGroup, groupId: target.groupId }, current, want, kept);
    changes.groups.push({
      group: target.jiraGroup,
      members: current.length,
      removals: input.removalsEnabled ? changes.removals.length - removalsBefore : 0,
      sourceEmpty: input.targets.every(
        (t) => t.jiraGroup !== target.jiraGroup || (input.entraMembers.get(t.entraGroupId)?.length ?? 0) === 0,
      ),
    });
  }
  return changes;
}

/** Adds for wanted members the group lacks, and the accounts to create for them first. */
function addMissing(changes: GroupChanges, target: GroupTarget, want: WantedMembers, currentIds: Set<string>): void {
  for (const [accountId, who] of want) {
    if (accountId.startsWith(PENDING_ACCOUNT_PREFIX))
      changes.userCreates.set(who.email, { op: 'createUser', group: '', email: who.email, entraId: who.entraId });
    if (!currentIds.has(accountId))
      changes.adds.push({
        op: 'addMember',
        group: target.jiraGroup,
        groupId: target.groupId,
        accountId,
        email: who.email,
        entraId: who.entraId,
      });
  }
}

/** Removals of members nobody wants, except the candidates of an ambiguous match; marked skipped when removals are off. */
function removeExtra(
  changes: GroupChanges,
  input: PlanInput,
  where: { group: string; groupId: string },
  current: readonly JiraUser[],
  want: WantedMembers,
  kept: ReadonlySet<string>,
): void {
  for (const member of current) {
    if (want.has(member.accountId)) continue;
    if (kept.has(`${where.group}\n${member.accountId}`)) {
      changes.keptFor.push({ group: where.group, accountId: member.accountId });
      continue;
    }
    const removal: MembershipChange = {
      op: 'removeMember',
      group: where.group,
      groupId: where.groupId,
      accountId: member.accountId,
      email: member.emailAddress?.toLowerCase() ?? null,
      entraId: input.entraIdOfAccount.get(member.accountId) ?? null,
    };
    changes.removals.push(input.removalsEnabled ? removal : { ...removal, skipped: 'removals-disabled' });
  }
}
