import { generateTenant, MAX_SYNCED_GROUPS, rootCount, TENANT_PRESETS } from '../../bench/tenant-generator';
import { validateSettings } from '../../src/settings/validate-settings';

/** The benchmark's tenant shapes: the realistic preset has what large tenants have and the forest lacks. */
describe('benchmark tenant presets', () => {
  const users = 6000;
  const groups = 180;

  function shape(preset: keyof typeof TENANT_PRESETS) {
    const { scenario } = generateTenant({ ...TENANT_PRESETS[preset], users, groups, seed: 5 });
    const groupIds = new Set(scenario.entra.groups.map((g) => g.id));
    const parents = new Map<string, number>();
    const directGroups = new Map<string, number>();
    for (const group of scenario.entra.groups) {
      for (const member of group.members) {
        if (groupIds.has(member)) parents.set(member, (parents.get(member) ?? 0) + 1);
        else directGroups.set(member, (directGroups.get(member) ?? 0) + 1);
      }
    }
    const roots = scenario.entra.groups.slice(0, rootCount(groups));
    return {
      groupsWithSeveralParents: [...parents.values()].filter((n) => n > 1).length,
      mostGroupsOfAUser: Math.max(...directGroups.values()),
      largestSyncedDirect: Math.max(...roots.map((g) => g.members.filter((m) => !groupIds.has(m)).length)),
      syncedAreRoots: roots.every((g) => !parents.has(g.id)),
      synced: scenario.settings.scope.groupIds ?? [],
      roots,
    };
  }

  it('keeps the original forest: one parent per group, users in at most 3 groups', () => {
    const forest = shape('forest');
    expect(forest.groupsWithSeveralParents).toBe(0);
    expect(forest.mostGroupsOfAUser).toBeLessThanOrEqual(3);
    expect(forest.syncedAreRoots).toBe(true);
    expect(forest.synced).toEqual(forest.roots.map((g) => g.id));
  });

  it('realistic: groups under several parents, users in 20+ groups, synced groups holding every user up to 50k', () => {
    const realistic = shape('realistic');
    expect(realistic.groupsWithSeveralParents).toBeGreaterThan(10);
    expect(realistic.mostGroupsOfAUser).toBeGreaterThanOrEqual(20);
    expect(realistic.largestSyncedDirect).toBe(users);
    expect(realistic.syncedAreRoots).toBe(true);
  });

  it('realistic: the admin syncs the five large groups and a few chosen roots, not every root', () => {
    const realistic = shape('realistic');
    // 30 roots: the five large ones, then 4 % of the other 25 (rounded up).
    expect(realistic.synced).toEqual(realistic.roots.slice(0, 6).map((g) => g.id));
  });

  it.each(['forest', 'realistic'] as const)('%s never syncs more groups than the settings allow', (preset) => {
    // 3,600 groups give 600 roots, over the settings' 500.
    const { scenario } = generateTenant({ ...TENANT_PRESETS[preset], users: 2000, groups: 3600, seed: 5 });
    expect(rootCount(3600)).toBeGreaterThan(MAX_SYNCED_GROUPS);
    expect(scenario.settings.scope.groupIds?.length).toBeLessThanOrEqual(MAX_SYNCED_GROUPS);
    expect(() => validateSettings(scenario.settings)).not.toThrow();
  });
});
