import { isWritable } from '../../core/target-groups';
import type { EngineDeps } from '../run/deps';
import { readAnyChange } from '../stages/read-jira/entra-now';
import type { RunRecord } from '../run/record';
import { saveDriftCursor } from './drift-cursor';
import type { MemberPagesSeen } from './member-index';
import { loadMemberIndex, saveMemberIndex, scanMemberPages } from './member-index';
import { UserIndexBuilder, writeUserIndex } from './user-index';
import { recordIncrementalPoints } from './points-measure';
import type { SnapshotMeta } from './snapshot';
import { loadRootGroups, loadSnapshotMeta, saveRootGroups, saveSnapshotMeta, sourceFingerprint } from './snapshot';
import { RUN_DATA } from '../run/run-data';
import { STORAGE_KEYS } from './keys';

type Ctx = { deps: EngineDeps; run: RunRecord };
/** What every saved snapshot takes from the run that saves it. */
type RunFields = Pick<SnapshotMeta, 'usersDeltaLink' | 'groupDeltaLinks' | 'managedMemberships' | 'managedGroups'>;

/**
 * After a successful apply run, records what the next incremental run continues from: a full run
 * becomes the new base; an incremental run is added as an overlay. Without delta links (an adapter
 * without delta support) the snapshot is removed, so the next run is full.
 */
export async function saveSnapshotAfterRun(deps: EngineDeps, run: RunRecord): Promise<void> {
  // Failed changes are only retried by reading everything again: the next run is full.
  if (run.summary.counts.failed > 0) return deps.kv.delete(STORAGE_KEYS.snapshotMeta);
  const ctx = { deps, run };
  const targets = RUN_DATA.targets.exists(run) ? await RUN_DATA.targets.read(ctx) : null;
  // A full run's user index takes the member pages in the same pass: at 250k users each pass is ~12k KVS units.
  const users = run.summary.kind === 'full' ? new UserIndexBuilder() : null;
  const seen = await scanMemberPages(deps.kv, run.summary.id, RUN_DATA.entraMembers.count(run), (page) => {
    for (const user of page.users) users?.member(user, page.groupId);
  });
  await saveDriftCursor(deps.kv, run, targets ?? [], (rootId) => seen.ranges.get(rootId)?.members ?? 0);
  if (run.summary.kind === 'incremental')
    await recordIncrementalPoints(deps.kv, (run.summary.jiraPoints ?? 0) - (run.cursor.drift?.points ?? 0));
  const delta = run.cursor.delta;
  if (!delta.newUsersLink || !delta.newGroupsLink) {
    if (run.summary.kind === 'full') await deps.kv.delete(STORAGE_KEYS.snapshotMeta);
    return;
  }
  const managedGroups = targets && new Set(targets.filter(isWritable).map((t) => t.jiraGroup.toLowerCase())).size;
  const fields: RunFields = {
    usersDeltaLink: delta.newUsersLink,
    groupDeltaLinks: [{ ids: null, link: delta.newGroupsLink }],
    managedMemberships: (run.managedMembershipsBefore ?? 0) + run.summary.counts.adds - run.summary.counts.removals,
    // A run that resolved no targets (no change) keeps the count the last one saw.
    ...(managedGroups === null ? {} : { managedGroups }),
  };
  if (users) await saveBase(ctx, seen, users, fields);
  else await addOverlay(ctx, seen, fields);
}

/** A full run's reads become the new base, with the index of where each chosen group's members are. */
async function saveBase(ctx: Ctx, seen: MemberPagesSeen, users: UserIndexBuilder, fields: RunFields): Promise<void> {
  const { deps, run } = ctx;
  await RUN_DATA.entraUsers.forEachOf(deps.kv, run.summary.id, RUN_DATA.entraUsers.count(run), (chunk) =>
    chunk.forEach((user) => users.listed(user)),
  );
  await saveSnapshotMeta(deps.kv, {
    fingerprint: sourceFingerprint(run.settings),
    baseRunId: run.summary.id,
    baseChunks: {
      users: RUN_DATA.entraUsers.count(run),
      members: RUN_DATA.entraMembers.count(run),
      groups: RUN_DATA.entraGroups.count(run),
    },
    overlays: [],
    fullAt: run.summary.startedAt,
    ...fields,
    rootGroupChunks: await saveRootGroups(
      deps.kv,
      [...seen.trees].map(([rootId, groupIds]) => ({ rootId, groupIds })),
    ),
    memberIndexChunks: await saveMemberIndex(
      deps.kv,
      [...seen.ranges.values()].map((range) => ({ ...range, overlay: -1 })),
    ),
    userIndexBuckets: await writeUserIndex(deps.kv, run.summary.id, users.states),
  });
}

/**
 * An incremental run is added as an overlay: its re-read groups replace theirs in the nesting and
 * member indexes. A run that read no change adds no overlay, so quiet runs never bring the overlay
 * limit (a full run) nearer.
 */
async function addOverlay(ctx: Ctx, seen: MemberPagesSeen, fields: RunFields): Promise<void> {
  const { deps, run } = ctx;
  const meta = await loadSnapshotMeta(deps.kv);
  if (!meta) return;
  if (!readAnyChange(ctx)) return saveSnapshotMeta(deps.kv, { ...meta, ...fields });
  const known = await loadRootGroups(deps.kv, meta);
  for (const [root, groupIds] of seen.trees) known.set(root, new Set(groupIds));
  await saveSnapshotMeta(deps.kv, {
    ...meta,
    overlays: [
      ...meta.overlays,
      {
        runId: run.summary.id,
        chunks: {
          [RUN_DATA.entraMembers.name]: RUN_DATA.entraMembers.count(run),
          [RUN_DATA.deltaUsers.name]: RUN_DATA.deltaUsers.count(run),
          [RUN_DATA.deltaRemoved.name]: RUN_DATA.deltaRemoved.count(run),
        },
      },
    ],
    ...fields,
    rootGroupChunks: await saveRootGroups(
      deps.kv,
      [...known].map(([rootId, groupIds]) => ({ rootId, groupIds: [...groupIds] })),
    ),
    ...(await overlayMemberIndex(ctx, meta, seen)),
  });
}

/** The member index with this overlay's re-read groups in their new place (none on a snapshot saved before the index). */
async function overlayMemberIndex(
  ctx: Ctx,
  meta: SnapshotMeta,
  seen: MemberPagesSeen,
): Promise<Pick<SnapshotMeta, 'memberIndexChunks'>> {
  const index = await loadMemberIndex(ctx.deps.kv, meta);
  if (!index) return {};
  if (seen.ranges.size === 0) return { memberIndexChunks: meta.memberIndexChunks };
  for (const range of seen.ranges.values()) index.set(range.rootId, { ...range, overlay: meta.overlays.length });
  return { memberIndexChunks: await saveMemberIndex(ctx.deps.kv, index.values()) };
}
