import type { StepContext } from '../../run/context';
import type { ReadJiraFullCursor } from '../../run/cursor';
import { stageCursor } from '../../run/cursor';
import { RUN_DATA } from '../../run/run-data';
import type { Stage } from '../stage';
import type { JiraMemberPage } from './pages';
import { readAccountsUnit, resolveTargetGroups } from './shared';

export type { HiddenEmail, JiraMemberPage } from './pages';

// Managed groups whose members are read at once, and pages of each per unit of work (50 members a page).
const MEMBER_GROUPS_AT_ONCE = 8;
const MEMBER_PAGES_PER_GROUP_PER_UNIT = 40;

/**
 * Reads Jira for a full run: resolves the target group of each synced Entra group, then every
 * account (for matching), then the emails profile privacy hides, then the members of each existing
 * writable group.
 */
export const readJiraFull: Stage = {
  start: (): ReadJiraFullCursor => ({
    phase: 'read-target',
    kind: 'full',
    task: 'targets',
    accountsStartAt: 0,
    groupIndex: 0,
    positions: {},
  }),
  unit: async (ctx) => {
    const cursor = stageCursor(ctx.run, 'read-target', 'full');
    if (cursor.task === 'members') return readMembersUnit(ctx, cursor);
    if (cursor.task === 'targets') {
      await resolveTargetGroups(ctx);
      cursor.task = 'accounts';
    } else await readAccountsUnit(ctx, cursor);
    return 'more';
  },
};

/** Several managed groups at once (Jira reads are latency-bound), each a bounded number of pages per unit. */
async function readMembersUnit(ctx: StepContext, cursor: ReadJiraFullCursor): Promise<'more' | 'done'> {
  const targets = (await RUN_DATA.targets.read(ctx)).filter((t) => t.state === 'managed' && t.groupId !== null);
  const groupIds = [...new Set(targets.map((t) => t.groupId as string))];
  const slice = groupIds.slice(cursor.groupIndex, cursor.groupIndex + MEMBER_GROUPS_AT_ONCE);
  if (slice.length === 0) return 'done';
  const pages = await Promise.all(slice.map((groupId) => readGroupPages(ctx, cursor, groupId)));
  await RUN_DATA.jiraMembers.append(ctx, pages.flat());
  // Move past the groups at the front of the slice that are fully read.
  const { positions } = cursor;
  while (cursor.groupIndex < groupIds.length && positions[groupIds[cursor.groupIndex] as string] === null) {
    delete positions[groupIds[cursor.groupIndex] as string];
    cursor.groupIndex++;
  }
  ctx.run.summary.progress = { done: cursor.groupIndex, total: groupIds.length };
  return cursor.groupIndex >= groupIds.length ? 'done' : 'more';
}

/** Up to MEMBER_PAGES_PER_GROUP_PER_UNIT pages of one group from where it stopped. */
async function readGroupPages(
  ctx: StepContext,
  cursor: ReadJiraFullCursor,
  groupId: string,
): Promise<JiraMemberPage[]> {
  const read: JiraMemberPage[] = [];
  // null: this group was fully read in an earlier unit (it waits for the groups before it).
  let startAt: number | null = groupId in cursor.positions ? (cursor.positions[groupId] as number | null) : 0;
  for (let n = 0; startAt !== null && n < MEMBER_PAGES_PER_GROUP_PER_UNIT; n++) {
    const page = await ctx.jira.groupMembersPage(groupId, startAt);
    read.push({ groupId, accountIds: page.members.map((m) => m.accountId) });
    startAt = page.next;
  }
  cursor.positions[groupId] = startAt;
  return read;
}
