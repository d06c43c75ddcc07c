import type { JiraUser } from './model';

export type MatchResult =
  | { kind: 'matched'; accountId: string; via: 'link' | 'email' }
  | { kind: 'not-in-jira' }
  | { kind: 'ambiguous-match'; candidates: string[] };

export interface AccountIndex {
  byAccountId: Map<string, JiraUser>;
  byEmail: Map<string, string[]>;
}

/** Only active Atlassian (human) accounts can be matched: never app, customer or deactivated accounts. */
export function isMatchable(user: JiraUser): boolean {
  return user.active && user.accountType === 'atlassian';
}

export function indexAccounts(users: Iterable<JiraUser>): AccountIndex {
  const byAccountId = new Map<string, JiraUser>();
  const byEmail = new Map<string, string[]>();
  for (const user of users) {
    byAccountId.set(user.accountId, user);
    if (!isMatchable(user) || !user.emailAddress) continue;
    const email = user.emailAddress.trim().toLowerCase();
    const list = byEmail.get(email);
    if (list) {
      if (!list.includes(user.accountId)) list.push(user.accountId);
    } else byEmail.set(email, [user.accountId]);
  }
  return { byAccountId, byEmail };
}

/**
 * Matches one Entra user: the stored link (Entra object ID → accountId) wins while that account is
 * still matchable, so an email change in either system does not unlink anyone; otherwise the
 * identifier is compared with account emails case-insensitively. Two candidates is never a guess.
 */
export function matchAccount(
  identifier: string,
  linkedAccountId: string | undefined,
  index: AccountIndex,
): MatchResult {
  const linked = linkedAccountId && index.byAccountId.get(linkedAccountId);
  if (linked && isMatchable(linked)) return { kind: 'matched', accountId: linked.accountId, via: 'link' };
  const candidates = index.byEmail.get(identifier.toLowerCase()) ?? [];
  if (candidates.length === 0) return { kind: 'not-in-jira' };
  if (candidates.length === 1) return { kind: 'matched', accountId: candidates[0] as string, via: 'email' };
  return { kind: 'ambiguous-match', candidates: [...candidates].sort() };
}
