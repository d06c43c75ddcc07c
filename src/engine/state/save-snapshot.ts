import { isWritable } from '../../core/target-groups';
import type { EngineDeps } from '../run/deps';
import { readAnyChange } from '../stages/read-jira/entra-now';
import type { RunRecord } from '../run/record';
import { saveDriftCursor } from './drift-cursor';
import { recordIncrementalPoints } from './points-measure';
import type { RootGroups, SnapshotMeta } from './snapshot';
import { loadRootGroups, loadSnapshotMeta, saveRootGroups, saveSnapshotMeta, sourceFingerprint } from './snapshot';
import { RUN_DATA } from '../run/run-data';
import { STORAGE_KEYS } from './keys';

/**
 * After a successful apply run, records what the next incremental run continues from: a full run
 * becomes the new base; an incremental run is added as an overlay. Without delta links (an adapter
 * without delta support) the snapshot is removed, so the next run is full.
 */
// eslint-disable-next-line max-lines-per-function -- to split (issue 16); over 60 lines once formatted
export async function saveSnapshotAfterRun(deps: EngineDeps, run: RunRecord): Promise<void> {
  const delta = run.cursor.delta;
  const applied = run.summary.counts;
  if (applied.failed > 0) {
    // Failed changes are only retried by reading everything again: the next run is full.
    await deps.kv.delete(STORAGE_KEYS.snapshotMeta);
    return;
  }
  const managed = (run.managedMembershipsBefore ?? 0) + applied.adds - applied.removals;
  const ctx = { deps, run };
  const managedGroups = await managedGroupCount(ctx);
  await saveDriftCursor(deps.kv, run, managedGroups ?? 0);
  if (run.summary.kind === 'incremental')
    await recordIncrementalPoints(deps.kv, (run.summary.jiraPoints ?? 0) - (run.cursor.drift?.points ?? 0));
  const pages = await RUN_DATA.entraMembers.read(ctx);
  const trees = new Map<string, string[]>();
  for (const page of pages)
    if (page.groupIds)
      trees.set(page.groupId, [...(trees.get(page.groupId) ?? []), ...page.groupIds.map((g) => g.toLowerCase())]);
  for (const root of new Set(pages.map((p) => p.groupId))) if (!trees.has(root)) trees.set(root, []);

  if (run.summary.kind === 'full') {
    if (!delta.newUsersLink || !delta.newGroupsLink) {
      await deps.kv.delete(STORAGE_KEYS.snapshotMeta);
      return;
    }
    const rootGroupChunks = await saveRootGroups(
      deps.kv,
      [...trees].map(([rootId, groupIds]): RootGroups => ({ rootId, groupIds })),
    );
    const meta: SnapshotMeta = {
      fingerprint: sourceFingerprint(run.settings),
      baseRunId: run.summary.id,
      baseChunks: {
        users: RUN_DATA.entraUsers.count(run),
        members: RUN_DATA.entraMembers.count(run),
        groups: RUN_DATA.entraGroups.count(run),
      },
      overlays: [],
      fullAt: run.summary.startedAt,
      usersDeltaLink: delta.newUsersLink,
      groupDeltaLinks: [{ ids: null, link: delta.newGroupsLink }],
      managedMemberships: managed,
      ...(managedGroups === null ? {} : { managedGroups }),
      rootGroupChunks,
    };
    await saveSnapshotMeta(deps.kv, meta);
    return;
  }

  const meta = await loadSnapshotMeta(deps.kv);
  if (!meta || !delta.newUsersLink || !delta.newGroupsLink) return;
  const links = {
    usersDeltaLink: delta.newUsersLink,
    groupDeltaLinks: [{ ids: null, link: delta.newGroupsLink }],
    managedMemberships: managed,
    ...(managedGroups === null ? {} : { managedGroups }),
  };
  // A run that read no change adds no overlay, so quiet runs never bring the overlay limit (a full run) nearer.
  if (!readAnyChange(ctx)) {
    await saveSnapshotMeta(deps.kv, { ...meta, ...links });
    return;
  }
  const known = await loadRootGroups(deps.kv, meta);
  for (const [root, groupIds] of trees) known.set(root, new Set(groupIds));
  const rootGroupChunks = await saveRootGroups(
    deps.kv,
    [...known].map(([rootId, groupIds]) => ({ rootId, groupIds: [...groupIds] })),
  );
  const chunks = {
    [RUN_DATA.entraMembers.name]: RUN_DATA.entraMembers.count(run),
    [RUN_DATA.deltaUsers.name]: RUN_DATA.deltaUsers.count(run),
    [RUN_DATA.deltaRemoved.name]: RUN_DATA.deltaRemoved.count(run),
  };
  await saveSnapshotMeta(deps.kv, {
    ...meta,
    overlays: [...meta.overlays, { runId: run.summary.id, chunks }],
    ...links,
    rootGroupChunks,
  });
}

/** Managed Jira groups after the run, those it created included (null when it resolved none: a no-change run). */
async function managedGroupCount(ctx: { deps: EngineDeps; run: RunRecord }): Promise<number | null> {
  if (!RUN_DATA.targets.exists(ctx.run)) return null;
  const targets = await RUN_DATA.targets.read(ctx);
  return new Set(targets.filter(isWritable).map((t) => t.jiraGroup.toLowerCase())).size;
}
