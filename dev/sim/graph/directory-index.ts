import type { Scenario, ScenarioEntraGroup, ScenarioEntraUser } from '../../scenario/scenario';

export type DirectoryMember = { type: 'user'; user: ScenarioEntraUser } | { type: 'group'; group: ScenarioEntraGroup };

/**
 * The scenario's tenant, indexed by lower-cased object id (directory ids are case-insensitive).
 * Holds its own copies, so changing the tenant while running never edits the caller's scenario.
 */
export class DirectoryIndex {
  readonly users: ScenarioEntraUser[];
  readonly groups: ScenarioEntraGroup[];
  private readonly usersById = new Map<string, ScenarioEntraUser>();
  private readonly groupsById = new Map<string, ScenarioEntraGroup>();

  constructor(scenario: Scenario) {
    this.users = scenario.entra.users.map((user) => ({ ...user }));
    this.groups = scenario.entra.groups.map((group) => ({ ...group, members: [...group.members] }));
    for (const user of this.users) this.usersById.set(user.id.toLowerCase(), user);
    for (const group of this.groups) this.groupsById.set(group.id.toLowerCase(), group);
  }

  user(id: string): ScenarioEntraUser | undefined {
    return this.usersById.get(id.toLowerCase());
  }

  group(id: string): ScenarioEntraGroup | undefined {
    return this.groupsById.get(id.toLowerCase());
  }

  /** Adds the user, or replaces the one with the same id in place (list order is kept). */
  putUser(user: ScenarioEntraUser): void {
    const key = user.id.toLowerCase();
    const index = this.users.findIndex((u) => u.id.toLowerCase() === key);
    if (index >= 0) this.users[index] = user;
    else this.users.push(user);
    this.usersById.set(key, user);
  }

  removeUser(id: string): void {
    const key = id.toLowerCase();
    const index = this.users.findIndex((u) => u.id.toLowerCase() === key);
    if (index >= 0) this.users.splice(index, 1);
    this.usersById.delete(key);
  }

  putGroup(group: ScenarioEntraGroup): void {
    this.groups.push(group);
    this.groupsById.set(group.id.toLowerCase(), group);
  }

  removeGroup(id: string): void {
    const key = id.toLowerCase();
    const index = this.groups.findIndex((g) => g.id.toLowerCase() === key);
    if (index >= 0) this.groups.splice(index, 1);
    this.groupsById.delete(key);
  }

  /** The groups that list `id` as a direct member. */
  parentsOf(id: string): ScenarioEntraGroup[] {
    const key = id.toLowerCase();
    return this.groups.filter((g) => g.members.some((m) => m.toLowerCase() === key));
  }

  member(id: string): DirectoryMember | undefined {
    const user = this.usersById.get(id.toLowerCase());
    if (user) return { type: 'user', user };
    const group = this.groupsById.get(id.toLowerCase());
    return group ? { type: 'group', group } : undefined;
  }

  /** Direct members in scenario order; ids that name nothing are dangling and skipped. */
  directMembers(group: ScenarioEntraGroup): DirectoryMember[] {
    const out: DirectoryMember[] = [];
    for (const id of group.members) {
      const member = this.member(id);
      if (member) out.push(member);
    }
    return out;
  }

  /**
   * Every member reachable through nesting, each once, breadth first: users and the nested groups
   * themselves, as Graph's transitiveMembers returns them. Cycles end because a group is expanded
   * once; the root group is never its own member.
   */
  transitiveMembers(root: ScenarioEntraGroup): DirectoryMember[] {
    const seen = new Set<string>([root.id.toLowerCase()]);
    const out: DirectoryMember[] = [];
    const queue: ScenarioEntraGroup[] = [root];
    while (queue.length > 0) {
      const group = queue.shift()!;
      for (const member of this.directMembers(group)) {
        const id = (member.type === 'user' ? member.user.id : member.group.id).toLowerCase();
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(member);
        if (member.type === 'group') queue.push(member.group);
      }
    }
    return out;
  }
}
