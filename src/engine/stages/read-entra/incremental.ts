import { SyncError } from '../../../core/errors';
import type { StepContext } from '../../run/context';
import type { ReadEntraIncrementalCursor } from '../../run/cursor';
import { stageCursor } from '../../run/cursor';
import { RUN_DATA } from '../../run/run-data';
import type { SnapshotMeta } from '../../state/snapshot';
import { loadRootGroups, loadSnapshotMeta } from '../../state/snapshot';
import type { Stage } from '../stage';
import { readRootsUnit } from './full';
import type { IncrementalReads } from './incremental-reads';
import { supportsIncremental } from './incremental-reads';
import { syncedGroupIds } from './synced-groups';

/** What an incremental read continues from: the snapshot and an adapter with delta queries. */
interface Continuation {
  ctx: StepContext;
  cursor: ReadEntraIncrementalCursor;
  meta: SnapshotMeta;
  entra: IncrementalReads;
}

/**
 * The source read of an incremental run: the users delta round, the groups delta round, then a
 * fresh transitive read of only the chosen groups whose tree changed (members@delta is direct
 * membership only, so nesting is resolved by reading those groups again).
 */
export const readEntraIncremental: Stage = {
  start: (): ReadEntraIncrementalCursor => ({
    phase: 'read-source',
    kind: 'incremental',
    task: 'groups',
    usersLink: null,
    groupsLink: null,
    roots: [],
    members: { index: 0, next: null },
    listRestarts: 0,
  }),
  unit: async (ctx) => {
    const cursor = stageCursor(ctx.run, 'read-source', 'incremental');
    const meta = await loadSnapshotMeta(ctx.deps.kv);
    if (!meta || !supportsIncremental(ctx.entra))
      throw new SyncError('delta-expired', 'The stored sync state is gone; a full read is needed.');
    const from: Continuation = { ctx, cursor, meta, entra: ctx.entra };
    if (cursor.task === 'groups') await copyChosenGroups(from);
    else if (cursor.task === 'users-delta') await usersDeltaPage(from);
    else if (cursor.task === 'groups-delta') await groupsDeltaPage(from);
    else if (cursor.task === 'changed-roots') await chooseChangedRoots(from);
    else return readRootsUnit(ctx, cursor, cursor.roots);
    return 'more';
  },
};

/**
 * The chosen groups are fixed by the settings fingerprint; their Jira targets follow the Entra ID
 * (group registry), so a rename in Entra needs no read here: the snapshot's copy is taken.
 */
async function copyChosenGroups({ ctx, cursor, meta }: Continuation): Promise<void> {
  const groups = await RUN_DATA.entraGroups.readOf(ctx.deps.kv, meta.baseRunId, meta.baseChunks.groups);
  await RUN_DATA.entraGroups.replace(ctx, groups);
  cursor.task = 'users-delta';
}

/** One page of the users delta round: changed and removed users. */
async function usersDeltaPage({ ctx, cursor, meta, entra }: Continuation): Promise<void> {
  const page = await entra.usersDelta(cursor.usersLink ?? meta.usersDeltaLink);
  await RUN_DATA.deltaUsers.append(ctx, page.users);
  await RUN_DATA.deltaRemoved.append(ctx, page.removedIds);
  if (page.next) cursor.usersLink = page.next;
  else {
    ctx.run.cursor.delta.newUsersLink = page.deltaLink;
    cursor.task = 'groups-delta';
  }
}

/** One page of the groups delta round: the IDs of groups whose membership changed. */
async function groupsDeltaPage({ ctx, cursor, meta, entra }: Continuation): Promise<void> {
  const page = await entra.groupsDelta(null, cursor.groupsLink ?? meta.groupDeltaLinks[0]?.link ?? null);
  const changed = page.groups
    .filter((g) => g.removed || g.membersAdded.length > 0 || g.membersRemoved.length > 0)
    .map((g) => g.id.toLowerCase());
  await RUN_DATA.deltaGroups.append(ctx, changed);
  if (page.next) cursor.groupsLink = page.next;
  else {
    ctx.run.cursor.delta.newGroupsLink = page.deltaLink;
    cursor.task = 'changed-roots';
  }
}

/** The chosen groups to read again: those with a changed group anywhere in their tree (or no known tree). */
async function chooseChangedRoots({ ctx, cursor, meta }: Continuation): Promise<void> {
  const changed = new Set(await RUN_DATA.deltaGroups.read(ctx));
  const trees = await loadRootGroups(ctx.deps.kv, meta);
  cursor.roots = syncedGroupIds(ctx.run.settings).filter((root) => {
    const tree = trees.get(root);
    return !tree || changed.has(root) || [...tree].some((g) => changed.has(g.toLowerCase()));
  });
  cursor.members = { index: 0, next: null };
  cursor.task = 'members';
  ctx.run.summary.progress = { done: 0, total: cursor.roots.length };
}
