import type { DirectoryIndex } from './directory-index';
import type { SubscriptionService } from './subscriptions';
import type { TenantMutations } from './tenant-mutations';

/**
 * Tenant mutations that also notify subscribers, as Graph does: user and group creation arrive as
 * `updated` (docs/change-notifications-facts.md §1), a membership change as `updated` on the group.
 */
export function notifyingMutations(
  mutations: TenantMutations,
  directory: DirectoryIndex,
  subscriptions: SubscriptionService,
): TenantMutations {
  const parentsOf = (id: string) => directory.parentsOf(id).map((g) => g.id);
  return {
    addUser(user) {
      mutations.addUser(user);
      subscriptions.changed('users', user.id, 'updated');
    },
    updateUser(id, patch) {
      mutations.updateUser(id, patch);
      subscriptions.changed('users', id, 'updated');
    },
    deleteUser(id, options) {
      const parents = parentsOf(id);
      mutations.deleteUser(id, options);
      subscriptions.changed('users', id, 'deleted');
      for (const group of parents) subscriptions.changed('groups', group, 'updated');
    },
    restoreUser(id) {
      mutations.restoreUser(id);
      subscriptions.changed('users', id, 'updated');
      for (const group of parentsOf(id)) subscriptions.changed('groups', group, 'updated');
    },
    addGroup(group) {
      mutations.addGroup(group);
      subscriptions.changed('groups', group.id, 'updated');
    },
    deleteGroup(id) {
      const parents = parentsOf(id);
      mutations.deleteGroup(id);
      subscriptions.changed('groups', id, 'deleted');
      for (const group of parents) subscriptions.changed('groups', group, 'updated');
    },
    addMember(groupId, memberId) {
      mutations.addMember(groupId, memberId);
      subscriptions.changed('groups', groupId, 'updated');
    },
    removeMember(groupId, memberId) {
      mutations.removeMember(groupId, memberId);
      subscriptions.changed('groups', groupId, 'updated');
    },
  };
}
