import { SyncError } from '../../../core/errors';
import type { EntraUser } from '../../../core/model';
import type { MemberPage } from './member-page';
import { LATEST, supportsIncremental } from './incremental-reads';
import { syncedGroupIds } from './synced-groups';
import type { StepContext } from '../../run/context';
import type { ReadEntraFullCursor, ReadEntraIncrementalCursor } from '../../run/cursor';
import { stageCursor } from '../../run/cursor';
import type { Stage } from '../stage';
import { RUN_DATA } from '../../run/run-data';

/** Times one run reads a list again from page one after Graph expired its paging link. */
export const MAX_LIST_RESTARTS = 3;

/** The part of a read-entra cursor that reads chosen groups' members. */
type ListCursor = Pick<ReadEntraFullCursor | ReadEntraIncrementalCursor, 'members' | 'listRestarts'>;

/**
 * Reads one page; when Graph says the nextLink of a long list expired (Directory_ExpiredPageToken),
 * answers 'restart' (up to MAX_LIST_RESTARTS a run) and says so in the run's warnings. A first page
 * or a restart beyond the bound fails as before: the run never plans from a partial read.
 */
async function restartingExpiredList<T>(
  ctx: StepContext,
  cursor: ListCursor,
  what: string,
  next: string | null,
  read: () => Promise<T>,
): Promise<T | 'restart'> {
  try {
    return await read();
  } catch (error) {
    const restarts = cursor.listRestarts;
    if (
      !(error instanceof SyncError) ||
      error.code !== 'graph-page-token-expired' ||
      next === null ||
      restarts >= MAX_LIST_RESTARTS
    )
      throw error;
    cursor.listRestarts = restarts + 1;
    ctx.run.summary.warnings.push(
      `Microsoft Graph's paging link for ${what} expired (Directory_ExpiredPageToken); the list was read again from its first page.`,
    );
    return 'restart';
  }
}

export type { MemberPage } from './member-page';

// Large pages are stored in slices so one stored value stays far below KVS's 240 KiB.
const USERS_PER_SLICE = 400;

/**
 * Reads Entra for a full run: "from now" delta links, the synced groups, then (mode `all`) every
 * user, then each group's transitive user members, one page per unit of work. Every read must
 * complete; a failure ends the run before planning (the engine never plans from a partial read).
 */
export const readEntraFull: Stage = {
  start: (): ReadEntraFullCursor => ({
    phase: 'read-source',
    kind: 'full',
    task: 'latest-links',
    usersNext: null,
    members: { index: 0, next: null },
    listRestarts: 0,
  }),
  unit: async (ctx) => {
    const cursor = stageCursor(ctx.run, 'read-source', 'full');
    if (cursor.task === 'latest-links') await takeLatestDeltaLinks(ctx);
    else if (cursor.task === 'groups') await readChosenGroups(ctx);
    else if (cursor.task === 'users') await readUsersPage(ctx, cursor);
    else return readRootsUnit(ctx, cursor, syncedGroupIds(ctx.run.settings));
    return 'more';
  },
};

/** The chosen groups, each of which must still exist. */
async function readChosenGroups(ctx: StepContext): Promise<void> {
  const { run, entra } = ctx;
  const groupIds = syncedGroupIds(run.settings);
  const groups = await entra.groupsByIds(groupIds);
  const found = new Set(groups.map((g) => g.id.toLowerCase()));
  const missing = groupIds.filter((id) => !found.has(id.toLowerCase()));
  if (missing.length > 0) {
    throw new SyncError(
      'entra-group-not-found',
      `These chosen Entra groups no longer exist: ${missing.join(', ')}. Remove them from the scope or mapping; nothing was changed.`,
    );
  }
  await RUN_DATA.entraGroups.replace(ctx, groups);
  stageCursor(run, 'read-source', 'full').task = run.settings.scope.mode === 'all' ? 'users' : 'members';
  run.summary.progress = { done: 0, total: groupIds.length };
}

/** One page of every user (scope `all`). */
async function readUsersPage(ctx: StepContext, cursor: ReadEntraFullCursor): Promise<void> {
  const page = await restartingExpiredList(ctx, cursor, 'the user list', cursor.usersNext, () =>
    ctx.entra.usersPage(cursor.usersNext),
  );
  if (page === 'restart') {
    // Users read before the restart stay stored; the planner keeps one entry per id.
    cursor.usersNext = null;
    return;
  }
  for (let i = 0; i < page.items.length; i += USERS_PER_SLICE)
    await RUN_DATA.entraUsers.append(ctx, page.items.slice(i, i + USERS_PER_SLICE));
  cursor.usersNext = page.next;
  if (page.next === null) cursor.task = 'members';
}

/** Reads one page of the transitive members of the chosen groups `roots`, in order; 'done' after the last. */
export async function readRootsUnit(
  ctx: StepContext,
  cursor: ListCursor,
  roots: readonly string[],
): Promise<'more' | 'done'> {
  const { run } = ctx;
  const at = cursor.members;
  const root = roots[at.index];
  if (root === undefined) return 'done';
  const page = await restartingExpiredList(ctx, cursor, `the members of group ${root}`, at.next, () =>
    ctx.entra.transitiveMembersPage(root, at.next),
  );
  if (page === 'restart') {
    // Members read before the restart stay stored; the planner and snapshot keep them as sets.
    at.next = null;
    return 'more';
  }
  await RUN_DATA.entraMembers.append(ctx, slicePage(root, page.users, page.groupIds));
  if (page.next === null) {
    at.index++;
    at.next = null;
    run.summary.progress = { done: at.index, total: roots.length };
  } else at.next = page.next;
  return at.index >= roots.length ? 'done' : 'more';
}

/** A member page split into slices small enough for one KVS value each. */
export function slicePage(groupId: string, users: EntraUser[], groupIds: string[] | undefined): MemberPage[] {
  const slices: MemberPage[] = [];
  for (let i = 0; i < users.length; i += USERS_PER_SLICE)
    slices.push({ groupId, users: users.slice(i, i + USERS_PER_SLICE) });
  if (slices.length === 0) slices.push({ groupId, users: [] });
  if (groupIds && groupIds.length > 0) (slices[0] as MemberPage).groupIds = groupIds;
  return slices;
}

/**
 * Before a full apply run reads anything, it takes "from now" delta links, so the next incremental
 * run sees every change made during and after this read (Graph replays are harmless).
 */
async function takeLatestDeltaLinks(ctx: StepContext): Promise<void> {
  const { run, entra } = ctx;
  if (run.summary.mode === 'apply' && supportsIncremental(entra)) {
    run.cursor.delta.newUsersLink = (await entra.usersDelta(LATEST)).deltaLink;
    run.cursor.delta.newGroupsLink = (await entra.groupsDelta(null, LATEST)).deltaLink;
  }
  stageCursor(run, 'read-source', 'full').task = 'groups';
}
