import type { ScenarioEntraGroup, ScenarioEntraUser } from '../../scenario/scenario';
import type { ChangeLog, MemberRef } from './change-log';
import type { DirectoryIndex } from './directory-index';
import { refOf } from './directory-index';

/**
 * Changes to the simulated tenant while it runs (tests and the benchmark), each recorded in the
 * change log so delta rounds report it. Mistakes (unknown ids, duplicates) throw at once.
 */
export interface TenantMutations {
  addUser(user: ScenarioEntraUser): void;
  /** Changes the given properties; only properties that really change are recorded. */
  updateUser(id: string, patch: Partial<Omit<ScenarioEntraUser, 'id'>>): void;
  /**
   * Deletes the user and its direct memberships (delta reports both, facts 3.3). Deleting a user is
   * a soft delete in Entra: delta says `@removed: {reason: "changed"}` and `restoreUser` brings it
   * back; `permanently` (or deleting from deleted items) says "deleted" and cannot be undone.
   */
  deleteUser(id: string, options?: { permanently?: boolean }): void;
  /** Restores a soft-deleted user with its memberships of groups that still exist ("fully restore"). */
  restoreUser(id: string): void;
  /** Adds a group; its `members` must already exist and are recorded as added. */
  addGroup(group: ScenarioEntraGroup): void;
  /** Deletes a group and its memberships in other groups. */
  deleteGroup(id: string): void;
  /** Adds a direct member (user or group); a no-op when it already is one. */
  addMember(groupId: string, memberId: string): void;
  /** Removes a direct member; a no-op when it is not one. */
  removeMember(groupId: string, memberId: string): void;
}

export function createTenantMutations(directory: DirectoryIndex, log: ChangeLog): TenantMutations {
  /** Soft-deleted users and the groups they were direct members of (Entra's deletedItems). */
  const deletedItems = new Map<string, { user: ScenarioEntraUser; groupIds: string[] }>();

  function requireGroup(id: string): ScenarioEntraGroup {
    const group = directory.group(id);
    if (!group) throw new Error(`Graph simulator: no group ${id}`);
    return group;
  }

  function memberRef(id: string): MemberRef {
    const member = directory.member(id);
    if (!member) throw new Error(`Graph simulator: no user or group ${id} to be a member`);
    return refOf(member);
  }

  function detach(group: ScenarioEntraGroup, ref: MemberRef, seq: number): void {
    const before = group.members.length;
    group.members = group.members.filter((m) => m.toLowerCase() !== ref.id.toLowerCase());
    if (group.members.length !== before) log.membership(group.id, ref, false, seq);
  }

  const mutations: TenantMutations = {
    addUser(user) {
      if (directory.member(user.id)) throw new Error(`Graph simulator: object ${user.id} already exists`);
      directory.putUser({ ...user });
      log.users.added(user.id, log.next());
    },

    updateUser(id, patch) {
      const user = directory.user(id);
      if (!user) throw new Error(`Graph simulator: no user ${id}`);
      const updated: ScenarioEntraUser = { ...user, ...patch, id: user.id };
      const changed = (Object.keys(patch) as Array<keyof ScenarioEntraUser>).filter(
        (name) => JSON.stringify(user[name]) !== JSON.stringify(updated[name]),
      );
      if (changed.length === 0) return;
      directory.putUser(updated);
      log.users.changed(user.id, changed, log.next());
    },

    deleteUser(id, { permanently = false } = {}) {
      const key = id.toLowerCase();
      const seq = log.next();
      const softDeleted = deletedItems.get(key);
      if (softDeleted) {
        deletedItems.delete(key);
        log.users.removed(softDeleted.user.id, seq, 'deleted');
        return;
      }
      const user = directory.user(id);
      if (!user) throw new Error(`Graph simulator: no user ${id}`);
      const parents = directory.parentsOf(user.id);
      for (const parent of parents) detach(parent, { id: user.id, type: 'user' }, seq);
      directory.removeUser(user.id);
      if (!permanently) deletedItems.set(key, { user, groupIds: parents.map((g) => g.id) });
      log.users.removed(user.id, seq, permanently ? 'deleted' : 'changed');
    },

    restoreUser(id) {
      const item = deletedItems.get(id.toLowerCase());
      if (!item) throw new Error(`Graph simulator: no soft-deleted user ${id} to restore`);
      deletedItems.delete(id.toLowerCase());
      const seq = log.next();
      directory.putUser(item.user);
      log.users.added(item.user.id, seq);
      for (const groupId of item.groupIds) {
        const group = directory.group(groupId);
        if (!group || group.members.some((m) => m.toLowerCase() === item.user.id.toLowerCase())) continue;
        group.members.push(item.user.id);
        log.membership(group.id, { id: item.user.id, type: 'user' }, true, seq);
      }
    },

    addGroup(group) {
      if (directory.member(group.id)) throw new Error(`Graph simulator: object ${group.id} already exists`);
      const refs = group.members.map(memberRef);
      const seq = log.next();
      directory.putGroup({ ...group, members: refs.map((r) => r.id) });
      log.groups.added(group.id, seq);
      for (const ref of refs) log.membership(group.id, ref, true, seq);
    },

    deleteGroup(id) {
      const group = requireGroup(id);
      const seq = log.next();
      for (const parent of directory.parentsOf(group.id)) detach(parent, { id: group.id, type: 'group' }, seq);
      directory.removeGroup(group.id);
      log.groups.removed(group.id, seq);
    },

    addMember(groupId, memberId) {
      const group = requireGroup(groupId);
      const ref = memberRef(memberId);
      // Graph refuses to make a group its own member.
      if (ref.id.toLowerCase() === group.id.toLowerCase())
        throw new Error(`Graph simulator: group ${groupId} cannot be its own member`);
      if (group.members.some((m) => m.toLowerCase() === ref.id.toLowerCase())) return;
      group.members.push(ref.id);
      log.membership(group.id, ref, true, log.next());
    },

    removeMember(groupId, memberId) {
      const group = requireGroup(groupId);
      const member = directory.member(memberId);
      if (!member) return;
      detach(group, refOf(member), log.next());
    },
  };
  return mutations;
}
