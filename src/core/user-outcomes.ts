import type { MatchResult } from './match';
import type { ReasonCode } from './model';
import type { Operation, UserInput, UserOutcome } from './plan-types';
import type { ScopeDecision } from './scope';

/** What the plan decided about users, beyond its operations. */
export interface PlannedFor {
  groupsOfUser: ReadonlyMap<string, ReadonlySet<string>>;
  protectedFor: ReadonlyMap<string, string[]>;
  keptFor: ReadonlyArray<{ group: string; accountId: string }>;
}

type Verdict = { outcome: ReasonCode; reason: string };
type Ambiguous = Extract<MatchResult, { kind: 'ambiguous-match' }>;

/** Each user's outcome and the reason in words, sorted by Entra ID. */
export function userOutcomes(users: Iterable<UserInput>, operations: Operation[], planned: PlannedFor): UserOutcome[] {
  const addsFor = groupsByUser(operations, 'addMember');
  const removalsFor = groupsByUser(operations, 'removeMember');
  const outcomes: UserOutcome[] = [];
  for (const user of users) {
    const groups = [...(planned.groupsOfUser.get(user.entraId) ?? [])].sort();
    const base = { entraId: user.entraId, displayName: user.displayName, identifier: user.scope.identifier, groups };
    const added = addsFor.get(user.entraId);
    const removed = removalsFor.get(user.entraId);
    const match = user.match;
    if (!user.scope.inScope) outcomes.push({ ...base, ...outOfScope(user.scope, removed), accountId: null });
    else if (!match || match.kind === 'not-in-jira')
      outcomes.push({ ...base, ...withoutAccount(user.scope.identifier, added), accountId: null });
    else if (match.kind === 'ambiguous-match')
      outcomes.push({ ...base, ...ambiguous(match, user.scope.identifier, planned.keptFor), accountId: null });
    else {
      const verdict = matched(groups, added, removed, planned.protectedFor.get(user.entraId));
      outcomes.push({ ...base, ...verdict, accountId: match.accountId });
    }
  }
  return outcomes.sort((a, b) => a.entraId.localeCompare(b.entraId));
}

/**
 * Entra ID → the groups the plan adds the user to (or removes the user from, removals that are
 * skipped left out). Removals of accounts linked to nobody gather under null, which no user reads.
 */
function groupsByUser(operations: Operation[], op: 'addMember' | 'removeMember'): Map<string | null, string[]> {
  const groups = new Map<string | null, string[]>();
  for (const change of operations) {
    if (change.op !== op || (change.op === 'removeMember' && change.skipped)) continue;
    groups.set(change.entraId, [...(groups.get(change.entraId) ?? []), change.group]);
  }
  return groups;
}

function outOfScope(scope: Extract<ScopeDecision, { inScope: false }>, removed: string[] | undefined): Verdict {
  const suffix = removed ? ` The plan removes this user from ${removed.join(', ')}.` : '';
  return { outcome: scope.reason, reason: scope.detail + suffix };
}

/** In scope with no Atlassian account: the plan creates one (when allowed) or the user waits for an invitation. */
function withoutAccount(identifier: string, added: string[] | undefined): Verdict {
  if (added)
    return {
      outcome: 'added',
      reason: `No Atlassian account had the email ${identifier}: the plan creates one and adds it to ${added.join(', ')}.`,
    };
  return {
    outcome: 'not-in-jira',
    reason: `No active Atlassian account has the email ${identifier}. Invite the user to the site, or connect Atlassian Guard provisioning.`,
  };
}

function ambiguous(
  match: Ambiguous,
  identifier: string,
  keptFor: ReadonlyArray<{ group: string; accountId: string }>,
): Verdict {
  const held = keptFor.filter((k) => match.candidates.includes(k.accountId)).map((k) => `${k.accountId} in ${k.group}`);
  const keptText = held.length ? ` Kept ${held.join(', ')}: nothing is removed while the match is ambiguous.` : '';
  return {
    outcome: 'ambiguous-match',
    reason: `${match.candidates.length} Atlassian accounts share the email ${identifier} (${match.candidates.join(', ')}); none was chosen.${keptText}`,
  };
}

/** A matched user: added, else removed, else held back by a protected group, else unchanged. */
function matched(
  groups: string[],
  added: string[] | undefined,
  removed: string[] | undefined,
  blocked: string[] | undefined,
): Verdict {
  if (added) return { outcome: 'added', reason: `The plan adds this user to ${added.join(', ')}.` };
  if (removed) return { outcome: 'removed', reason: `The plan removes this user from ${removed.join(', ')}.` };
  if (blocked)
    return {
      outcome: 'protected-group',
      reason: `${blocked.join(', ')} is protected (default access or admin group) and is never changed.`,
    };
  return {
    outcome: 'unchanged',
    reason: groups.length ? `Already in ${groups.join(', ')}.` : 'In scope and matched; no synced group to join.',
  };
}
