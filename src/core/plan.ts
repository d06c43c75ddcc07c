/* eslint-disable max-lines -- to split (issue 16); over 250 lines once formatted */
import type { MatchResult } from './match';
import type { JiraUser, ReasonCode } from './model';
import type { ScopeDecision } from './scope';
import type { GroupTarget } from './target-groups';
import { isWritable } from './target-groups';

/** Account IDs of users the run creates are known only after creation; adds refer to them by this key. */
export const PENDING_ACCOUNT_PREFIX = 'pending:';

export type Operation =
  | { op: 'createGroup'; group: string; entraGroupId: string }
  | { op: 'createUser'; group: string; email: string; entraId: string }
  | { op: 'addMember'; group: string; groupId: string | null; accountId: string; email: string | null; entraId: string }
  | {
      op: 'removeMember';
      group: string;
      groupId: string;
      accountId: string;
      email: string | null;
      entraId: string | null;
      skipped?: 'removals-disabled';
    };
type MembershipChange = Extract<Operation, { op: 'addMember' | 'removeMember' }>;
type UserCreate = Extract<Operation, { op: 'createUser' }>;

export interface UserInput {
  entraId: string;
  displayName: string;
  scope: ScopeDecision;
  /** Present for users in scope. */
  match?: MatchResult;
}

export interface PlanInput {
  targets: GroupTarget[];
  /** Entra group ID → IDs of its users, nesting already flattened. */
  entraMembers: ReadonlyMap<string, readonly string[]>;
  users: ReadonlyMap<string, UserInput>;
  /** Jira groupId → current members of each existing writable group. */
  jiraMembers: ReadonlyMap<string, readonly JiraUser[]>;
  /** accountId → Entra object ID from stored links, to name who a removal is for. */
  entraIdOfAccount: ReadonlyMap<string, string>;
  removalsEnabled: boolean;
  /** Create accounts for in-scope users missing from Jira (users.createMissing with an org-admin token). */
  createAccounts?: boolean;
}

export interface UserOutcome {
  entraId: string;
  displayName: string;
  identifier: string | null;
  outcome: ReasonCode;
  reason: string;
  accountId: string | null;
  /** Jira groups this user should be in after the run. */
  groups: string[];
}

/** One managed Jira group as the plan leaves it: what it holds now and what the plan takes away. */
export interface GroupChange {
  group: string;
  members: number;
  removals: number;
  /** Every Entra group mapped to it read with no member at all. */
  sourceEmpty: boolean;
}

export interface Plan {
  operations: Operation[];
  users: UserOutcome[];
  targets: GroupTarget[];
  /** Memberships in writable groups before the run (the base of the removal percentage). */
  managedMemberships: number;
  /** Each existing writable group: its members before the run and the removals planned (the per-group guards). */
  groups: GroupChange[];
}

/**
 * The whole sync decision as a pure function: desired memberships of each writable Jira group are
 * the in-scope, matched users of the Entra groups mapped to it; the plan adds what is missing and
 * removes what is extra. Deterministic order: creates, then adds, then removals, each sorted.
 */
// Over the 60-line limit; left for its own change (issue 16 follow-up), not to be copied.
// eslint-disable-next-line max-lines-per-function
export function planSync(input: PlanInput): Plan {
  const desired = new Map<string, Map<string, { entraId: string; email: string }>>();
  const groupsOfUser = new Map<string, Set<string>>();
  const protectedFor = new Map<string, string[]>();
  const kept = new Set<string>();
  const desiredOf = (group: string) => {
    let want = desired.get(group);
    if (!want) desired.set(group, (want = new Map()));
    return want;
  };

  for (const target of input.targets) {
    const members = input.entraMembers.get(target.entraGroupId) ?? [];
    const want = isWritable(target) ? desiredOf(target.jiraGroup) : null;
    for (const entraId of members) {
      const user = input.users.get(entraId);
      if (!user || !user.scope.inScope) continue;
      if (user.match?.kind === 'ambiguous-match' && isWritable(target)) {
        // "Do not know" is never a reason to remove: the candidates keep what they hold here.
        for (const candidate of user.match.candidates) kept.add(`${target.jiraGroup}\n${candidate}`);
        continue;
      }
      const accountId =
        user.match?.kind === 'matched'
          ? user.match.accountId
          : user.match?.kind === 'not-in-jira' && input.createAccounts
            ? `${PENDING_ACCOUNT_PREFIX}${user.scope.identifier}`
            : null;
      if (accountId === null) continue;
      if (target.state === 'protected') {
        protectedFor.set(entraId, [...(protectedFor.get(entraId) ?? []), target.jiraGroup]);
        continue;
      }
      if (!want) continue;
      want.set(accountId, { entraId, email: user.scope.identifier });
      groupsOfUser.set(entraId, (groupsOfUser.get(entraId) ?? new Set()).add(target.jiraGroup));
    }
  }

  const creates = new Map<string, string>();
  const userCreates = new Map<string, UserCreate>();
  const adds: MembershipChange[] = [];
  const removals: MembershipChange[] = [];
  const keptFor: Array<{ group: string; accountId: string }> = [];
  const groups: GroupChange[] = [];
  let managedMemberships = 0;
  const seenTargets = new Set<string>();
  for (const target of input.targets) {
    if (!isWritable(target) || seenTargets.has(target.jiraGroup)) continue;
    seenTargets.add(target.jiraGroup);
    const want = desired.get(target.jiraGroup) ?? new Map();
    const current = target.groupId ? (input.jiraMembers.get(target.groupId) ?? []) : [];
    const currentIds = new Set(current.map((m) => m.accountId));
    managedMemberships += current.length;
    if (target.state === 'create') creates.set(target.jiraGroup, target.entraGroupId);
    for (const [accountId, who] of want) {
      if (accountId.startsWith(PENDING_ACCOUNT_PREFIX))
        userCreates.set(who.email, { op: 'createUser', group: '', email: who.email, entraId: who.entraId });
      if (!currentIds.has(accountId))
        adds.push({
          op: 'addMember',
          group: target.jiraGroup,
          groupId: target.groupId,
          accountId,
          email: who.email,
          entraId: who.entraId,
        });
    }
    if (!target.groupId) continue;
    const removalsBefore = removals.length;
    for (const member of current) {
      if (want.has(member.accountId)) continue;
      if (kept.has(`${target.jiraGroup}\n${member.accountId}`)) {
        keptFor.push({ group: target.jiraGroup, accountId: member.accountId });
        continue;
      }
      const removal: MembershipChange = {
        op: 'removeMember',
        group: target.jiraGroup,
        groupId: target.groupId,
        accountId: member.accountId,
        email: member.emailAddress?.toLowerCase() ?? null,
        entraId: input.entraIdOfAccount.get(member.accountId) ?? null,
      };
      removals.push(input.removalsEnabled ? removal : { ...removal, skipped: 'removals-disabled' });
    }
    const sourceEmpty = input.targets.every(
      (t) => t.jiraGroup !== target.jiraGroup || (input.entraMembers.get(t.entraGroupId)?.length ?? 0) === 0,
    );
    groups.push({
      group: target.jiraGroup,
      members: current.length,
      removals: input.removalsEnabled ? removals.length - removalsBefore : 0,
      sourceEmpty,
    });
  }

  const byGroupThenAccount = (a: MembershipChange, b: MembershipChange): number =>
    a.group.localeCompare(b.group) || a.accountId.localeCompare(b.accountId);
  const operations: Operation[] = [
    ...[...creates]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, entraGroupId]): Operation => ({ op: 'createGroup', group, entraGroupId })),
    ...[...userCreates.values()].sort((a, b) => a.email.localeCompare(b.email)),
    ...adds.sort(byGroupThenAccount),
    ...removals.sort(byGroupThenAccount),
  ];

  return {
    operations,
    users: userOutcomes(input, operations, groupsOfUser, protectedFor, keptFor),
    targets: input.targets,
    managedMemberships,
    groups,
  };
}

// eslint-disable-next-line max-lines-per-function -- to split (issue 16); over 60 lines once formatted
function userOutcomes(
  input: PlanInput,
  operations: Operation[],
  groupsOfUser: Map<string, Set<string>>,
  protectedFor: Map<string, string[]>,
  keptFor: ReadonlyArray<{ group: string; accountId: string }>,
): UserOutcome[] {
  const addsFor = new Map<string, string[]>();
  // Removals of accounts linked to nobody gather under null, which no user reads.
  const removalsFor = new Map<string | null, string[]>();
  for (const op of operations) {
    if (op.op === 'addMember') addsFor.set(op.entraId, [...(addsFor.get(op.entraId) ?? []), op.group]);
    if (op.op === 'removeMember' && !op.skipped)
      removalsFor.set(op.entraId, [...(removalsFor.get(op.entraId) ?? []), op.group]);
  }
  const outcomes: UserOutcome[] = [];
  for (const user of input.users.values()) {
    const groups = [...(groupsOfUser.get(user.entraId) ?? [])].sort();
    const base = { entraId: user.entraId, displayName: user.displayName, identifier: user.scope.identifier, groups };
    if (!user.scope.inScope) {
      const removed = removalsFor.get(user.entraId);
      const suffix = removed ? ` The plan removes this user from ${removed.join(', ')}.` : '';
      outcomes.push({ ...base, outcome: user.scope.reason, reason: user.scope.detail + suffix, accountId: null });
      continue;
    }
    const match = user.match;
    const added = addsFor.get(user.entraId);
    if ((!match || match.kind === 'not-in-jira') && added) {
      outcomes.push({
        ...base,
        outcome: 'added',
        reason: `No Atlassian account had the email ${user.scope.identifier}: the plan creates one and adds it to ${added.join(', ')}.`,
        accountId: null,
      });
      continue;
    }
    if (!match || match.kind === 'not-in-jira') {
      outcomes.push({
        ...base,
        outcome: 'not-in-jira',
        reason: `No active Atlassian account has the email ${user.scope.identifier}. Invite the user to the site, or connect Atlassian Guard provisioning.`,
        accountId: null,
      });
      continue;
    }
    if (match.kind === 'ambiguous-match') {
      const held = keptFor
        .filter((k) => match.candidates.includes(k.accountId))
        .map((k) => `${k.accountId} in ${k.group}`);
      const keptText = held.length ? ` Kept ${held.join(', ')}: nothing is removed while the match is ambiguous.` : '';
      outcomes.push({
        ...base,
        outcome: 'ambiguous-match',
        reason: `${match.candidates.length} Atlassian accounts share the email ${user.scope.identifier} (${match.candidates.join(', ')}); none was chosen.${keptText}`,
        accountId: null,
      });
      continue;
    }
    const removed = removalsFor.get(user.entraId);
    const blocked = protectedFor.get(user.entraId);
    if (added)
      outcomes.push({
        ...base,
        outcome: 'added',
        reason: `The plan adds this user to ${added.join(', ')}.`,
        accountId: match.accountId,
      });
    else if (removed)
      outcomes.push({
        ...base,
        outcome: 'removed',
        reason: `The plan removes this user from ${removed.join(', ')}.`,
        accountId: match.accountId,
      });
    else if (blocked)
      outcomes.push({
        ...base,
        outcome: 'protected-group',
        reason: `${blocked.join(', ')} is protected (default access or admin group) and is never changed.`,
        accountId: match.accountId,
      });
    else
      outcomes.push({
        ...base,
        outcome: 'unchanged',
        reason: groups.length ? `Already in ${groups.join(', ')}.` : 'In scope and matched; no synced group to join.',
        accountId: match.accountId,
      });
  }
  return outcomes.sort((a, b) => a.entraId.localeCompare(b.entraId));
}
