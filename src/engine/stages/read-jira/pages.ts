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

/**
 * A chosen group's users as this run leaves them (the drift slice's groups only), in slices: a
 * 50k-member group's IDs (about 2 MB of JSON) never fit one KVS value.
 */
export interface DriftRoot {
  rootId: string;
  userIds: string[];
}

/** Object IDs a DriftRoot holds at most: 2,000 × 39 bytes of JSON is about 78 KB, far under KVS's 240 KiB. */
export const IDS_PER_DRIFT_ROOT = 2_000;

/** A group's users as DriftRoot slices (one, empty, for a group with no user). */
export function driftRootSlices(rootId: string, userIds: readonly string[]): DriftRoot[] {
  const slices: DriftRoot[] = [];
  for (let i = 0; i < userIds.length; i += IDS_PER_DRIFT_ROOT)
    slices.push({ rootId, userIds: userIds.slice(i, i + IDS_PER_DRIFT_ROOT) });
  return slices.length > 0 ? slices : [{ rootId, userIds: [] }];
}
