import { SyncError } from '../../../core/errors';
import { supportsIncremental } from './incremental-reads';
import { loadRootGroups, loadSnapshotMeta } from '../../state/snapshot';
import type { StepContext } from '../../run/context';
import { RUN_DATA } from '../../run/run-data';
import { syncedGroupIds } from './synced-groups';
import { readRootsUnit } from './full';

/**
 * The source read of an incremental run: the users delta round, the groups delta round, then a
 * fresh transitive read of only the chosen groups whose tree changed (members@delta is direct
 * membership only, so nesting is resolved by reading those groups again).
 */
// eslint-disable-next-line max-lines-per-function -- to split (issue 16); over 60 lines once formatted
export async function readEntraIncremental(ctx: StepContext): Promise<'more' | 'done'> {
  const { run, entra, deps } = ctx;
  const cursor = run.cursor;
  const delta = cursor.delta;
  const meta = await loadSnapshotMeta(deps.kv);
  if (!meta || !supportsIncremental(entra))
    throw new SyncError('delta-expired', 'The stored sync state is gone; a full read is needed.');

  if (!cursor.entraGroupsRead) {
    // The chosen groups are fixed by the settings fingerprint; their Jira targets follow the Entra ID
    // (group registry), so a rename in Entra needs no read here.
    const groups = await RUN_DATA.entraGroups.readOf(deps.kv, meta.baseRunId, meta.baseChunks.groups);
    await RUN_DATA.entraGroups.replace(ctx, groups);
    cursor.entraGroupsRead = true;
    return 'more';
  }

  if (!delta.usersDone) {
    const page = await entra.usersDelta(delta.usersLink ?? meta.usersDeltaLink);
    await RUN_DATA.deltaUsers.append(ctx, page.users);
    await RUN_DATA.deltaRemoved.append(ctx, page.removedIds);
    if (page.next) delta.usersLink = page.next;
    else {
      delta.newUsersLink = page.deltaLink;
      delta.usersDone = true;
    }
    return 'more';
  }

  if (!delta.groupsDone) {
    const page = await entra.groupsDelta(null, delta.groupsLink ?? meta.groupDeltaLinks[0]?.link ?? null);
    const changed = page.groups
      .filter((g) => g.removed || g.membersAdded.length > 0 || g.membersRemoved.length > 0)
      .map((g) => g.id.toLowerCase());
    await RUN_DATA.deltaGroups.append(ctx, changed);
    if (page.next) delta.groupsLink = page.next;
    else {
      delta.newGroupsLink = page.deltaLink;
      delta.groupsDone = true;
    }
    return 'more';
  }

  if (delta.rootsToRead === null) {
    const changed = new Set(await RUN_DATA.deltaGroups.read(ctx));
    const trees = await loadRootGroups(deps.kv, meta);
    delta.rootsToRead = syncedGroupIds(run.settings).filter((root) => {
      const tree = trees.get(root);
      return !tree || changed.has(root) || [...tree].some((g) => changed.has(g.toLowerCase()));
    });
    cursor.groupIndex = 0;
    cursor.groupNext = null;
    run.summary.progress = { done: 0, total: delta.rootsToRead.length };
    return 'more';
  }

  return readRootsUnit(ctx, delta.rootsToRead);
}
