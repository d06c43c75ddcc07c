import type { ChangeFate } from '../../../core/settle-outcomes';
import type { MemberPagesSeen, MemberRange } from '../../state/member-index';

/** A change of a user's that failed or was never reached: their outcome is settled against it. */
export type UndoneChange = ChangeFate & { entraId: string };

/** One chosen group's stored member pages as the scan has seen them so far. */
export type SeenGroup = Omit<MemberRange, 'overlay' | 'runId'> & { groupIds: string[] };

export function seenGroupsOf(seen: MemberPagesSeen): SeenGroup[] {
  return [...seen.ranges.values()].map(({ rootId, from, to, members }) => ({
    rootId,
    from,
    to,
    members,
    groupIds: seen.trees.get(rootId) ?? [],
  }));
}

export function seenOf(runId: string, groups: readonly SeenGroup[]): MemberPagesSeen {
  const seen: MemberPagesSeen = { ranges: new Map(), trees: new Map() };
  for (const { groupIds, ...range } of groups) {
    seen.ranges.set(range.rootId, { ...range, runId });
    seen.trees.set(range.rootId, groupIds);
  }
  return seen;
}
