import type { ScenarioTenantChange } from '../../scenario/scenario';
import type { TenantMutations } from './tenant-mutations';

/** Makes the scenario's between-run changes that come after run `completedRun` (1-based). */
export function applyTenantChanges(
  tenant: TenantMutations,
  changes: readonly ScenarioTenantChange[],
  completedRun: number,
): void {
  for (const change of changes) {
    if (change.afterRun !== completedRun) continue;
    switch (change.change) {
      case 'softDeleteUser':
        tenant.deleteUser(change.id);
        break;
      case 'deleteUserPermanently':
        tenant.deleteUser(change.id, { permanently: true });
        break;
      case 'restoreUser':
        tenant.restoreUser(change.id);
        break;
      case 'addMember':
        tenant.addMember(change.groupId, change.memberId);
        break;
      case 'removeMember':
        tenant.removeMember(change.groupId, change.memberId);
        break;
    }
  }
}
