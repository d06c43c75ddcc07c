import type { EntraUser, JiraUser } from '../../../core/model';

/** One user whose Entra data or membership changed, with what Jira says about them now. */
export interface AffectedUser {
  entraId: string;
  /** The user now; null when deleted in Entra. */
  user: EntraUser | null;
  /** Chosen groups that contain the user now (at any depth). */
  roots: string[];
  /** Candidate accounts: the linked one, or the accounts whose email equals the identifier. */
  accounts: JiraUser[];
  /** Group IDs of each candidate account, by accountId. */
  groupIdsByAccount: Record<string, string[]>;
  /**
   * An unlinked user queued by drift repair: the Jira groups (IDs) its plan may touch, the slice's
   * groups read whole; its account's other groups wait for their own turn. Absent: every group.
   */
  onlyGroups?: string[];
  /** A new user whose email the user search did not find (profile privacy may hide it). */
  unresolvedEmail?: string;
}

/** A changed user before the Jira lookups. */
export type AffectedInput = Omit<AffectedUser, 'accounts' | 'groupIdsByAccount'> & { formerIdentifier: string | null };
