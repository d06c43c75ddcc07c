import type { StepContext } from '../../run/context';
import { RUN_DATA } from '../../run/run-data';
import { readJiraAccountsUnit, resolveTargetsUnit } from './shared';
import type { JiraMemberPage } from './shared';

export type { HiddenEmail, JiraMemberPage } from './shared';

// Managed groups whose members are read at once, and pages of each per unit of work (50 members a page).
const MEMBER_GROUPS_AT_ONCE = 8;
const MEMBER_PAGES_PER_GROUP_PER_UNIT = 40;

/**
 * Reads Jira for a full run: resolves the target group of each synced Entra group, then every
 * account (for matching), then the emails profile privacy hides, then the members of each existing
 * writable group.
 */
export async function readJiraFull(ctx: StepContext): Promise<'more' | 'done'> {
  const { run, jira } = ctx;
  const cursor = run.cursor;
  if (!cursor.targetsResolved) return resolveTargetsUnit(ctx);
  if ((await readJiraAccountsUnit(ctx)) === 'more') return 'more';

  const targets = (await RUN_DATA.targets.read(ctx)).filter((t) => t.state === 'managed' && t.groupId !== null);
  const uniqueGroupIds = [...new Set(targets.map((t) => t.groupId as string))];
  // Several groups at once (Jira reads are latency-bound), each a bounded number of pages per unit.
  const slice = uniqueGroupIds.slice(cursor.memberTargetIndex, cursor.memberTargetIndex + MEMBER_GROUPS_AT_ONCE);
  if (slice.length === 0) return 'done';
  const positions = cursor.memberPositions ?? {};
  const pages: JiraMemberPage[][] = await Promise.all(
    slice.map(async (groupId) => {
      const read: JiraMemberPage[] = [];
      // null: this group was fully read in an earlier unit (it waits for the groups before it).
      let startAt: number | null = groupId in positions ? (positions[groupId] as number | null) : 0;
      for (let n = 0; startAt !== null && n < MEMBER_PAGES_PER_GROUP_PER_UNIT; n++) {
        const page = await jira.groupMembersPage(groupId, startAt);
        read.push({ groupId, accountIds: page.members.map((m) => m.accountId) });
        startAt = page.next;
      }
      positions[groupId] = startAt;
      return read;
    }),
  );
  await RUN_DATA.jiraMembers.append(ctx, pages.flat());
  // Move past the groups at the front of the slice that are fully read.
  while (
    cursor.memberTargetIndex < uniqueGroupIds.length &&
    positions[uniqueGroupIds[cursor.memberTargetIndex] as string] === null
  ) {
    delete positions[uniqueGroupIds[cursor.memberTargetIndex] as string];
    cursor.memberTargetIndex++;
  }
  cursor.memberPositions = positions;
  run.summary.progress = { done: cursor.memberTargetIndex, total: uniqueGroupIds.length };
  return cursor.memberTargetIndex >= uniqueGroupIds.length ? 'done' : 'more';
}
