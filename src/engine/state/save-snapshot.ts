import { isWritable } from '../../core/target-groups';
import type { EngineDeps } from '../run/deps';
import { readAnyChange } from '../stages/read-jira/entra-now';
import type { RunRecord } from '../run/record';
import { saveDriftCursor } from './drift-cursor';
import type { MemberPagesSeen } from './member-index';
import { loadMemberIndex, saveMemberIndex } from './member-index';
import { recordIncrementalPoints } from './points-measure';
import type { SnapshotMeta } from './snapshot';
import { loadRootGroups, loadSnapshotMeta, saveRootGroups, saveSnapshotMeta, sourceFingerprint } from './snapshot';
import { RUN_DATA } from '../run/run-data';
import { STORAGE_KEYS } from './keys';

type Ctx = { deps: EngineDeps; run: RunRecord };
/** What every saved snapshot takes from the run that saves it. */
type RunFields = Pick<SnapshotMeta, 'usersDeltaLink' | 'groupDeltaLinks' | 'managedMemberships' | 'managedGroups'>;

/**
 * The last of a successful apply run's end (stages/finish), once its member pages are scanned and
 * (full runs) its user index written: records what the next incremental run continues from. A full
 * run becomes the new base; an incremental run is added as an overlay. Without delta links (an
 * adapter without delta support) the snapshot is removed, so the next run is full. The meta is
 * written last, so until then the previous snapshot stays whole.
 */
export async function saveSnapshotAfterRun(
  deps: EngineDeps,
  run: RunRecord,
  seen: MemberPagesSeen,
  userIndexBuckets: number,
): Promise<void> {
  const ctx = { deps, run };
  const targets = RUN_DATA.targets.exists(run) ? await RUN_DATA.targets.read(ctx) : null;
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
  if (run.summary.kind === 'full') await saveBase(ctx, seen, userIndexBuckets, fields);
  else await addOverlay(ctx, seen, fields);
}

/** A full run's reads become the new base, with the index of where each chosen group's members are. */
async function saveBase(ctx: Ctx, seen: MemberPagesSeen, userIndexBuckets: number, fields: RunFields): Promise<void> {
  const { deps, run } = ctx;
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
    // A user in thousands of chosen groups leaves no index (0): incremental runs read the whole state.
    ...(userIndexBuckets > 0 ? { userIndexBuckets } : {}),
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
