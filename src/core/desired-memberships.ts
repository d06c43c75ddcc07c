import type { PlanInput, UserInput } from './plan-types';
import { PENDING_ACCOUNT_PREFIX } from './plan-types';
import { isWritable } from './target-groups';

/** The members a writable Jira group should have: accountId → the Entra user it stands for. */
export type WantedMembers = Map<string, { entraId: string; email: string }>;

export interface DesiredMemberships {
  /** Jira group name → its wanted members (every writable target has an entry). */
  desired: Map<string, WantedMembers>;
  /** Entra ID → the Jira groups the user should be in. */
  groupsOfUser: Map<string, Set<string>>;
  /** Entra ID → the protected Jira groups the user's Entra groups map to. */
  protectedFor: Map<string, string[]>;
  /** `group\naccountId` of every candidate of an ambiguous match: never removed from that group. */
  kept: Set<string>;
}

/** Who should be in each Jira group: the in-scope users of the Entra groups mapped to it that have (or get) an account. */
export function desiredMemberships(input: PlanInput): DesiredMemberships {
  const result: DesiredMemberships = {
    desired: new Map(),
    groupsOfUser: new Map(),
    protectedFor: new Map(),
    kept: new Set(),
  };
  for (const target of input.targets) {
    let want: WantedMembers | null = null;
    if (isWritable(target)) {
      want = result.desired.get(target.jiraGroup) ?? new Map();
      result.desired.set(target.jiraGroup, want);
    }
    for (const entraId of input.entraMembers.get(target.entraGroupId) ?? []) {
      const user = input.users.get(entraId);
      if (!user || !user.scope.inScope) continue;
      if (user.match?.kind === 'ambiguous-match' && isWritable(target)) {
        // "Do not know" is never a reason to remove: the candidates keep what they hold here.
        for (const candidate of user.match.candidates) result.kept.add(`${target.jiraGroup}\n${candidate}`);
        continue;
      }
      const accountId = accountIdOf(user, user.scope.identifier, input.createAccounts);
      if (accountId === null) continue;
      if (target.state === 'protected') {
        result.protectedFor.set(entraId, [...(result.protectedFor.get(entraId) ?? []), target.jiraGroup]);
        continue;
      }
      if (!want) continue;
      want.set(accountId, { entraId, email: user.scope.identifier });
      result.groupsOfUser.set(entraId, (result.groupsOfUser.get(entraId) ?? new Set()).add(target.jiraGroup));
    }
  }
  return result;
}

/** The matched account, or the placeholder of the account the run creates; null when the user gets none. */
function accountIdOf(user: UserInput, identifier: string, createAccounts: boolean | undefined): string | null {
  if (user.match?.kind === 'matched') return user.match.accountId;
  if (user.match?.kind === 'not-in-jira' && createAccounts) return `${PENDING_ACCOUNT_PREFIX}${identifier}`;
  return null;
}
