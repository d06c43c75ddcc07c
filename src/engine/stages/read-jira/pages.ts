import type { JiraUser } from '../../../core/model';

/** One page of a managed Jira group's members, as account IDs (full runs match them against every account). */
export interface JiraMemberPage {
  groupId: string;
  accountIds: string[];
}

/** An email profile privacy hides, read through the bulk email API. */
export interface HiddenEmail {
  accountId: string;
  email: string;
}

/** One page of a drift-repair group's members, whole accounts (their emails match unlinked users). */
export interface DriftMemberPage {
  groupId: string;
  members: JiraUser[];
}

/** A chosen group's users as this run leaves them (the drift slice's groups only). */
export interface DriftRoot {
  rootId: string;
  userIds: string[];
}
