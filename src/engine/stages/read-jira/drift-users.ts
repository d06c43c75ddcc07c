import { decideScope } from '../../../core/scope';
import type { EntraUser } from '../../../core/model';
import type { SnapshotMeta } from '../../state/snapshot';
import { loadSnapshotMeta } from '../../state/snapshot';
import { loadMemberIndex, loadMembersOf, replaceKnown } from '../../state/member-index';
import type { StepContext } from '../../run/context';
import { RUN_DATA } from '../../run/run-data';
import { loadLinksOf } from '../../state/links';
import { SyncError } from '../../../core/errors';
import { searchedUnfound } from '../../state/searched-unfound';
import { membershipNow, usersNow } from './entra-now';
import { driftRootSlices } from './pages';

/**
 * The slice's chosen groups as this run leaves them, their users, and the unlinked ones queued for
 * a lookup by email. Only these groups' stored members are read (the member index), never the
 * whole stored state.
 */
export async function gatherDriftUsers(ctx: StepContext): Promise<void> {
  const { run, deps } = ctx;
  const drift = run.cursor.drift!;
  drift.usersDone = true;
  const read = new Set(drift.groupIds.filter((g) => !drift.failed.includes(g)));
  const targets = (await RUN_DATA.targets.read(ctx)).filter((t) => t.groupId !== null && read.has(t.groupId));
  const roots = [...new Set(targets.map((t) => t.entraGroupId))];
  if (roots.length === 0) return;
  const meta = await loadSnapshotMeta(deps.kv);
  if (!meta) return;
  const members = await membersNow(ctx, meta, roots);
  const current = new Map<string, EntraUser>();
  for (const group of members.values()) for (const [id, user] of group) current.set(id, user);
  await RUN_DATA.driftRoots.append(
    ctx,
    roots.flatMap((rootId) => driftRootSlices(rootId, [...(members.get(rootId)?.keys() ?? [])])),
  );
  await RUN_DATA.driftUsers.append(ctx, [...current.values()]);

  // In-scope users with no link yet are looked up by email like changed users: an account that appeared since is matched.
  const links = await loadLinksOf(deps.kv, current.keys(), ctx.cache);
  const queued = new Set((await RUN_DATA.affectedInput.read(ctx)).map((a) => a.entraId));
  const rules = {
    identifier: run.settings.identifier,
    domains: run.settings.scope.domains,
    includeGuests: run.settings.scope.includeGuests,
    includeDisabled: run.settings.scope.includeDisabled,
  };
  const unlinked = [...current.values()].filter(
    (user) => !links.has(user.id) && !queued.has(user.id) && decideScope(user, rules).inScope,
  );
  // One search a cycle: a user this cycle searched without finding an account is matched against the slice's read alone (plan).
  const searched = await searchedUnfound(
    deps.kv,
    drift.after.cycleStartedAt,
    unlinked.map((user) => user.id),
  );
  // Only the slice's groups are known whole: such a user is planned in them alone, the rest wait for their turn.
  await RUN_DATA.affectedInput.append(
    ctx,
    unlinked
      .filter((user) => !searched.has(user.id))
      .map((user) => ({
        entraId: user.id,
        user,
        roots: roots.filter((r) => members.get(r)?.has(user.id)),
        formerIdentifier: null,
        onlyGroups: [...read],
      })),
  );
}

/** These chosen groups' users: stored (by the member index) with this run's reads applied. */
async function membersNow(
  ctx: StepContext,
  meta: SnapshotMeta,
  roots: readonly string[],
): Promise<Map<string, Map<string, EntraUser>>> {
  const index = await loadMemberIndex(ctx.deps.kv, meta);
  if (!index) return wholeStateMembers(ctx, meta, roots);
  const ranges = roots.map((rootId) => {
    const range = index.get(rootId);
    if (!range)
      throw new SyncError('delta-expired', `The stored members of group ${rootId} are missing; a full read is needed.`);
    return range;
  });
  const members = await loadMembersOf(ctx.deps.kv, meta, ranges);
  // This run's own reads: groups read again replace their members; changed users replace their versions; deleted users go.
  const reread = new Map<string, Map<string, EntraUser>>();
  await RUN_DATA.entraMembers.forEach(ctx, (chunk) => {
    for (const page of chunk) {
      if (!members.has(page.groupId)) continue;
      const group = reread.get(page.groupId) ?? new Map<string, EntraUser>();
      for (const user of page.users) group.set(user.id, user);
      reread.set(page.groupId, group);
    }
  });
  for (const [rootId, group] of reread) members.set(rootId, group);
  await RUN_DATA.deltaUsers.forEach(ctx, (users) => replaceKnown([...members.values()], users));
  await RUN_DATA.deltaRemoved.forEach(ctx, (ids) => {
    for (const group of members.values()) for (const id of ids) group.delete(id);
  });
  return members;
}

/** A snapshot saved before the member index: the whole stored state is read once (its next full run adds the index). */
async function wholeStateMembers(
  ctx: StepContext,
  meta: SnapshotMeta,
  roots: readonly string[],
): Promise<Map<string, Map<string, EntraUser>>> {
  const now = await membershipNow(ctx, meta);
  const wanted = new Set(roots.flatMap((r) => [...(now.members.get(r) ?? [])]));
  const { current } = await usersNow(ctx, meta, now, wanted);
  return new Map(
    roots.map((r) => [
      r,
      new Map(
        [...(now.members.get(r) ?? [])].flatMap((id) => {
          const user = current.get(id);
          return user ? [[id, user] as const] : [];
        }),
      ),
    ]),
  );
}
