import type { Scenario, ScenarioEntraGroup, ScenarioEntraObject, ScenarioEntraUser } from '../../scenario/scenario';
import type { MemberRef } from './change-log';

export type DirectoryMember =
  | { type: 'user'; user: ScenarioEntraUser }
  | { type: 'group'; group: ScenarioEntraGroup }
  | { type: 'other'; object: ScenarioEntraObject };

/** The id and kind of a member, as delta and the change log name it. */
export function refOf(member: DirectoryMember): MemberRef {
  if (member.type === 'user') return { id: member.user.id, type: 'user' };
  if (member.type === 'group') return { id: member.group.id, type: 'group' };
  return { id: member.object.id, type: member.object.type };
}

/**
 * The scenario's tenant, indexed by lower-cased object id (directory ids are case-insensitive).
 * Holds its own copies, so changing the tenant while running never edits the caller's scenario.
 */
export class DirectoryIndex {
  readonly users: ScenarioEntraUser[];
  readonly groups: ScenarioEntraGroup[];
  private readonly usersById = new Map<string, ScenarioEntraUser>();
  private readonly groupsById = new Map<string, ScenarioEntraGroup>();
  /** Org contacts, devices and service principals: members only, never changed while running. */
  private readonly othersById = new Map<string, ScenarioEntraObject>();

  constructor(scenario: Scenario) {
    this.users = scenario.entra.users.map((user) => ({ ...user }));
    this.groups = scenario.entra.groups.map((group) => ({ ...group, members: [...group.members] }));
    for (const user of this.users) this.usersById.set(user.id.toLowerCase(), user);
    for (const group of this.groups) this.groupsById.set(group.id.toLowerCase(), group);
    for (const other of scenario.entra.otherObjects ?? []) this.othersById.set(other.id.toLowerCase(), { ...other });
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
    if (group) return { type: 'group', group };
    const object = this.othersById.get(id.toLowerCase());
    return object ? { type: 'other', object } : undefined;
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
   * Every member reachable through nesting, each once, breadth first: users, the nested groups
   * themselves, and org contacts, devices and service principals, as Graph's transitiveMembers
   * returns them ("members of this group, including those in nested groups" are directoryObjects). Cycles end because a group is expanded
   * once; the root group is never its own member.
   */
  transitiveMembers(root: ScenarioEntraGroup): DirectoryMember[] {
    const seen = new Set<string>([root.id.toLowerCase()]);
    const out: DirectoryMember[] = [];
    const queue: ScenarioEntraGroup[] = [root];
    while (queue.length > 0) {
      const group = queue.shift()!;
      for (const member of this.directMembers(group)) {
        const id = refOf(member).id.toLowerCase();
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(member);
        if (member.type === 'group') queue.push(member.group);
      }
    }
    return out;
  }
}
