import { SyncError } from '../../core/errors';
import type { EntraGroup, EntraUser } from '../../core/model';
import { syncedGroupIds } from '../synced-groups';
import type { StepContext } from '../step-context';
import { appendRunData, replaceRunData } from '../step-context';

/** A page of one group's flattened users as stored between steps. */
export interface MemberPage {
  groupId: string;
  users: EntraUser[];
}

// Large pages are stored in slices so one stored value stays far below KVS's 240 KiB.
const USERS_PER_SLICE = 400;

/**
 * Reads Entra: the synced groups, then (mode `all`) every user, then each group's transitive user
 * members, one page per unit of work. Every read must complete; a failure ends the run before
 * planning (the engine never plans from a partial read).
 */
export async function readSourceUnit(ctx: StepContext): Promise<'more' | 'done'> {
  const { run, entra } = ctx;
  const cursor = run.cursor;
  const groupIds = syncedGroupIds(run.settings);

  if (!cursor.entraGroupsRead) {
    const groups = await entra.groupsByIds(groupIds);
    const found = new Set(groups.map((g) => g.id.toLowerCase()));
    const missing = groupIds.filter((id) => !found.has(id.toLowerCase()));
    if (missing.length > 0) {
      throw new SyncError('entra-group-not-found', `These chosen Entra groups no longer exist: ${missing.join(', ')}. Remove them from the scope or mapping; nothing was changed.`);
    }
    await replaceRunData<EntraGroup>(ctx, 'entra-groups', groups);
    cursor.entraGroupsRead = true;
    run.summary.progress = { done: 0, total: groupIds.length };
    return 'more';
  }

  if (run.settings.scope.mode === 'all' && !cursor.usersDone) {
    const page = await entra.usersPage(cursor.usersNext);
    for (let i = 0; i < page.items.length; i += USERS_PER_SLICE) {
      await appendRunData<EntraUser>(ctx, 'entra-users', page.items.slice(i, i + USERS_PER_SLICE));
    }
    cursor.usersNext = page.next;
    cursor.usersDone = page.next === null;
    return 'more';
  }

  const groupId = groupIds[cursor.groupIndex];
  if (groupId === undefined) return 'done';
  const page = await entra.transitiveUsersPage(groupId, cursor.groupNext);
  const slices: MemberPage[] = [];
  for (let i = 0; i < page.items.length; i += USERS_PER_SLICE) slices.push({ groupId, users: page.items.slice(i, i + USERS_PER_SLICE) });
  if (slices.length === 0) slices.push({ groupId, users: [] });
  await appendRunData<MemberPage>(ctx, 'entra-members', slices);
  if (page.next === null) {
    cursor.groupIndex++;
    cursor.groupNext = null;
    run.summary.progress = { done: cursor.groupIndex, total: groupIds.length };
  } else cursor.groupNext = page.next;
  return cursor.groupIndex >= groupIds.length ? 'done' : 'more';
}
