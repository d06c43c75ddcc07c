import type { EntraGroup, JiraUser } from '../../../core/model';
import type { GroupTarget } from '../../../core/target-groups';
import { isMatchable } from '../../../core/match';
import { resolveTargets, targetNameFor } from '../../../core/target-groups';
import { loadRegistry, ownedNames } from '../../state/registry';
import { countAffected, readTargetIncrementalUnit } from './incremental';
import type { StepContext } from '../../run/context';
import { appendRunData, readRunData, replaceRunData } from '../../run/context';

export interface JiraMemberPage {
  groupId: string;
  accountIds: string[];
}

export interface HiddenEmail {
  accountId: string;
  email: string;
}

// The email bulk API's maximum is undocumented; 100 IDs keeps the URL well under common limits.
const EMAIL_BATCH = 100;
// Managed groups whose members are read at once, and pages of each per unit of work (50 members a page).
const MEMBER_GROUPS_AT_ONCE = 8;
const MEMBER_PAGES_PER_GROUP_PER_UNIT = 40;

/**
 * Reads Jira: resolves the target group of each synced Entra group, then every account (for
 * matching), then the emails profile privacy hides, then the members of each existing writable group.
 */
export async function readTargetUnit(ctx: StepContext): Promise<'more' | 'done'> {
  const { run, jira, deps } = ctx;
  const cursor = run.cursor;

  // An incremental run with no changed user needs nothing from Jira at all.
  if (run.summary.kind === 'incremental' && !cursor.targetsResolved && (await countAffected(ctx)) === 0) return 'done';

  if (!cursor.targetsResolved) {
    const groups = await readRunData<EntraGroup>(ctx, 'entra-groups');
    const registry = await loadRegistry(deps.kv);
    const owned = ownedNames(registry);
    const names = groups.map((g) => targetNameFor(g, run.settings.groups, owned)).filter((t) => !t.problem).map((t) => t.name);
    const existing = await jira.groupsByName([...new Set(names)]);
    const targets = resolveTargets(groups, run.settings.groups, existing, new Set(Object.keys(registry)), owned);
    await replaceRunData<GroupTarget>(ctx, 'targets', targets);
    cursor.targetsResolved = true;
    return 'more';
  }

  if (run.summary.kind === 'incremental') return readTargetIncrementalUnit(ctx);

  if ((await readJiraAccountsUnit(ctx)) === 'more') return 'more';

  const targets = (await readRunData<GroupTarget>(ctx, 'targets')).filter((t) => t.state === 'managed' && t.groupId !== null);
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
  await appendRunData<JiraMemberPage>(ctx, 'jira-members', pages.flat());
  // Move past the groups at the front of the slice that are fully read.
  while (cursor.memberTargetIndex < uniqueGroupIds.length && positions[uniqueGroupIds[cursor.memberTargetIndex] as string] === null) {
    delete positions[uniqueGroupIds[cursor.memberTargetIndex] as string];
    cursor.memberTargetIndex++;
  }
  cursor.memberPositions = positions;
  run.summary.progress = { done: cursor.memberTargetIndex, total: uniqueGroupIds.length };
  return cursor.memberTargetIndex >= uniqueGroupIds.length ? 'done' : 'more';
}

/**
 * Reads every Jira account (1000 a page), then the emails profile privacy hides, one unit at a
 * time; 'done' once both are stored. Full runs match against these; incremental runs only when a
 * new user was not found by email search.
 */
export async function readJiraAccountsUnit(ctx: StepContext): Promise<'more' | 'done'> {
  const { run, jira } = ctx;
  const cursor = run.cursor;
  if (cursor.jiraUsersStartAt !== null) {
    const page = await jira.usersPage(cursor.jiraUsersStartAt);
    await appendRunData<JiraUser>(ctx, 'jira-users', page.users);
    cursor.jiraUsersStartAt = page.next;
    return 'more';
  }
  if (!cursor.emailsDone) {
    const users = await readRunData<JiraUser>(ctx, 'jira-users');
    const hidden = users.filter((u) => isMatchable(u) && !u.emailAddress).map((u) => u.accountId);
    for (let i = 0; i < hidden.length; i += EMAIL_BATCH) {
      const emails = await jira.emailsOf(hidden.slice(i, i + EMAIL_BATCH));
      await appendRunData<HiddenEmail>(ctx, 'jira-emails', [...emails].map(([accountId, email]) => ({ accountId, email })));
    }
    cursor.emailsDone = true;
    return 'more';
  }
  return 'done';
}
