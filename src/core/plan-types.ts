import type { MatchResult } from './match';
import type { JiraUser, ReasonCode } from './model';
import type { ScopeDecision } from './scope';
import type { GroupTarget } from './target-groups';

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
export type MembershipChange = Extract<Operation, { op: 'addMember' | 'removeMember' }>;
export type UserCreate = Extract<Operation, { op: 'createUser' }>;

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
