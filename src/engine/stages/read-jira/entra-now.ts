import type { EntraUser } from '../../../core/model';
import type { SnapshotMeta } from '../../state/snapshot';
import { loadMemberIds, loadStoredUsers } from '../../state/snapshot';
import type { StepContext } from '../../run/context';
import { RUN_DATA } from '../../run/run-data';

/** The chosen groups' members (IDs, at any depth) as an incremental run leaves them, and what its reads changed. */
export interface MembershipNow {
  members: Map<string, Set<string>>;
  /** Users the delta rounds or the groups read again changed. */
  changed: Set<string>;
  deltaUsers: Map<string, EntraUser>;
  removedIds: Set<string>;
}

/** Whether this incremental run read anything from Entra: a run that read nothing changed nothing. */
export function readAnyChange(ctx: Pick<StepContext, 'run'>): boolean {
  const { run } = ctx;
  return RUN_DATA.entraMembers.count(run) + RUN_DATA.deltaUsers.count(run) + RUN_DATA.deltaRemoved.count(run) > 0;
}

/**
 * The stored membership with this run's reads applied. A user changed when users/delta reports
 * them, when they were deleted, or when a chosen group that was read again gained or lost them.
 */
export async function membershipNow(ctx: StepContext, meta: SnapshotMeta): Promise<MembershipNow> {
  const { run, deps } = ctx;
  const members = await loadMemberIds(deps.kv, meta);
  const known = (id: string) => [...members.values()].some((m) => m.has(id));
  const changed = new Set<string>();

  const reread = new Map<string, Set<string>>();
  await RUN_DATA.entraMembers.forEach(ctx, (chunk) => {
    for (const page of chunk) {
      const set = reread.get(page.groupId) ?? new Set<string>();
      for (const user of page.users) set.add(user.id);
      reread.set(page.groupId, set);
    }
  });
  for (const [root, now] of reread) {
    const before = members.get(root) ?? new Set<string>();
    for (const id of now) if (!before.has(id)) changed.add(id);
    for (const id of before) if (!now.has(id)) changed.add(id);
    members.set(root, now);
  }
  const deltaUsers = new Map<string, EntraUser>();
  await RUN_DATA.deltaUsers.forEach(ctx, (chunk) => {
    for (const user of chunk)
      if (run.settings.scope.mode === 'all' || known(user.id) || changed.has(user.id)) deltaUsers.set(user.id, user);
  });
  for (const id of deltaUsers.keys()) changed.add(id);
  const removedIds = new Set<string>();
  await RUN_DATA.deltaRemoved.forEach(ctx, (ids) => {
    for (const id of ids) if (run.settings.scope.mode === 'all' || known(id)) removedIds.add(id);
  });
  for (const id of removedIds) {
    changed.add(id);
    for (const set of members.values()) set.delete(id);
  }
  return { members, changed, deltaUsers, removedIds };
}

/** These users as stored before this run, and as they are now (deleted users left out of `current`). */
export async function usersNow(
  ctx: StepContext,
  meta: SnapshotMeta,
  now: MembershipNow,
  wanted: ReadonlySet<string>,
): Promise<{ stored: Map<string, EntraUser>; current: Map<string, EntraUser> }> {
  const stored = await loadStoredUsers(ctx.deps.kv, meta, wanted);
  const current = new Map(stored);
  await RUN_DATA.entraMembers.forEach(ctx, (chunk) => {
    for (const page of chunk) for (const user of page.users) if (wanted.has(user.id)) current.set(user.id, user);
  });
  for (const [id, user] of now.deltaUsers) if (wanted.has(id)) current.set(id, user);
  for (const id of now.removedIds) current.delete(id);
  return { stored, current };
}
