import type { EntraUser } from '../../../core/model';
import type { SnapshotMeta } from '../../state/snapshot';
import { saveSnapshotMeta } from '../../state/snapshot';
import type { MemberRange } from '../../state/member-index';
import { loadMemberIndex, loadMembersOf } from '../../state/member-index';
import { MAX_CHUNK_BYTES } from '../../state/chunked-list';
import type { StoredUser } from '../../state/user-index';
import { UserIndexRead } from '../../state/user-index';
import type { StepContext } from '../../run/context';
import { RUN_DATA } from '../../run/run-data';
import type { ChangesNow } from './changes-now';

/** KVS units (10 KB) a stored page chunk costs to read, at most; an index bucket costs about one. */
const PAGE_CHUNK_UNITS = Math.ceil(MAX_CHUNK_BYTES / 10_240);

/** This run's own Entra reads: the groups read again (IDs, and each user's page version) and the delta rounds. */
interface RunReads {
  reread: Map<string, Set<string>>;
  pageVersion: Map<string, EntraUser>;
  deltaVersion: Map<string, EntraUser>;
  removed: string[];
}

/**
 * The run's changes read through the user index: the stored members of only the groups read again
 * (the member index), and the index buckets of only the users the reads name; never the whole
 * stored state. The same answer as `changesByWholeState`. An applying run then records its changed
 * users in the index. Null for a snapshot saved before the index.
 */
export async function changesByIndex(ctx: StepContext, meta: SnapshotMeta): Promise<ChangesNow | null> {
  const { run, deps } = ctx;
  if (meta.userIndexBuckets === undefined) return null;
  const memberIndex = await loadMemberIndex(deps.kv, meta);
  if (!memberIndex) return null;
  const reads = await runReads(ctx);
  const { reread } = reads;
  // A chosen group with no stored pages was empty, as the whole read takes it.
  const ranges = [...reread.keys()].flatMap((root) => memberIndex.get(root) ?? []);
  // Groups read again are compared with their stored members: their own pages, or (for large ones) the whole index.
  const pageUnits = ranges.reduce((units, r) => units + (r.to - r.from) * PAGE_CHUNK_UNITS, 0);
  let index = pageUnits > meta.userIndexBuckets ? await UserIndexRead.of(deps.kv, meta, 'all') : null;
  const before = index?.membersOf(reread.keys()) ?? (await storedMemberIds(ctx, meta, ranges));
  const changed = new Set<string>();
  for (const [root, now] of reread) {
    const was = before.get(root) ?? new Set<string>();
    for (const id of now) if (!was.has(id)) changed.add(id);
    for (const id of was) if (!now.has(id)) changed.add(id);
  }
  index ??= await UserIndexRead.of(deps.kv, meta, [...changed, ...reads.deltaVersion.keys(), ...reads.removed]);
  if (!index) return null;
  // In a chosen group as this run's reads leave it, before deletions (what makes a delta user count).
  const rootsRead = (id: string) => [...reread].filter(([, members]) => members.has(id)).map(([root]) => root);
  const rootsKept = (id: string) => (index.stored(id)?.roots ?? []).filter((root) => !reread.has(root));
  const known = (id: string) => rootsRead(id).length > 0 || rootsKept(id).length > 0;
  const all = run.settings.scope.mode === 'all';
  const deltaUsers = new Map([...reads.deltaVersion].filter(([id]) => all || known(id) || changed.has(id)));
  const removedIds = new Set(reads.removed.filter((id) => all || known(id)));
  for (const id of [...deltaUsers.keys(), ...removedIds]) changed.add(id);

  const stored = new Map<string, EntraUser>();
  const current = new Map<string, EntraUser>();
  for (const id of changed) {
    const user = index.stored(id)?.user;
    if (user) stored.set(id, user);
    const now = deltaUsers.get(id) ?? reads.pageVersion.get(id) ?? user;
    if (now && !removedIds.has(id)) current.set(id, now);
  }
  const rootsNow = (id: string) => (removedIds.has(id) ? [] : [...rootsKept(id), ...rootsRead(id)]);
  if (run.summary.mode === 'apply') await recordChanges(ctx, meta, index, reads, changed, rootsNow);
  return { changed, removedIds, stored, current, holds: (rootId, id) => rootsNow(id).includes(rootId) };
}

/** The stored members (IDs) of these chosen groups, from their own pages. */
async function storedMemberIds(
  ctx: StepContext,
  meta: SnapshotMeta,
  ranges: readonly MemberRange[],
): Promise<Map<string, Set<string>>> {
  const members = await loadMembersOf(ctx.deps.kv, meta, ranges);
  return new Map([...members].map(([root, users]) => [root, new Set(users.keys())]));
}

/** Streams this run's reads once. */
async function runReads(ctx: StepContext): Promise<RunReads> {
  const reads: RunReads = { reread: new Map(), pageVersion: new Map(), deltaVersion: new Map(), removed: [] };
  await RUN_DATA.entraMembers.forEach(ctx, (chunk) => {
    for (const page of chunk) {
      const set = reads.reread.get(page.groupId) ?? new Set<string>();
      for (const user of page.users) {
        set.add(user.id);
        reads.pageVersion.set(user.id, user);
      }
      reads.reread.set(page.groupId, set);
    }
  });
  await RUN_DATA.deltaUsers.forEach(ctx, (chunk) => chunk.forEach((user) => reads.deltaVersion.set(user.id, user)));
  await RUN_DATA.deltaRemoved.forEach(ctx, (ids) => reads.removed.push(...ids));
  return reads;
}

/**
 * Writes the changed users' new state to the index, as the snapshot with this run's overlay holds
 * them (a user's page version is newer than their delta version there, as loadStoredUsers reads
 * them). A bucket that would outgrow its limit retires the index: later runs read the whole state
 * until the next full run writes a new one.
 */
async function recordChanges(
  ctx: StepContext,
  meta: SnapshotMeta,
  index: UserIndexRead,
  reads: RunReads,
  changed: ReadonlySet<string>,
  rootsNow: (id: string) => string[],
): Promise<void> {
  const states = new Map<string, StoredUser>();
  for (const id of changed) {
    const user = reads.pageVersion.get(id) ?? reads.deltaVersion.get(id) ?? index.stored(id)?.user;
    if (user) states.set(id, { user, roots: rootsNow(id) });
  }
  if (await index.record(ctx.deps.kv, ctx.run.summary.id, states)) return;
  const { userIndexBuckets: _retired, ...rest } = meta;
  await saveSnapshotMeta(ctx.deps.kv, rest);
}
