import type { Scenario, ScenarioEntraUser } from '../dev/scenario/scenario';
import { Prng } from './prng';
import { BENCH_DOMAIN } from './tenant-generator';

/** One change in Entra between runs, as data: applied to a scenario or to a live simulator. */
export type ChurnOp =
  | { op: 'addUser'; user: ScenarioEntraUser; groupId: string }
  | { op: 'addMember'; groupId: string; userId: string }
  | { op: 'removeMember'; groupId: string; userId: string }
  | { op: 'disableUser'; userId: string }
  | { op: 'deleteUser'; userId: string };

/**
 * `rate` of the users change: a fifth are new users (joining one group), a quarter leave a group,
 * a quarter join another group, a fifth are disabled and a tenth deleted. Deterministic per seed.
 */
export function makeChurn(
  scenario: Scenario,
  options: { seed: number; rate: number; nextUserIndex: number },
): ChurnOp[] {
  const prng = new Prng(options.seed);
  const { users, groups } = scenario.entra;
  const total = Math.max(1, Math.ceil(users.length * options.rate));
  const kinds: Array<[ChurnOp['op'], number]> = [
    ['addUser', 0.2],
    ['removeMember', 0.25],
    ['addMember', 0.25],
    ['disableUser', 0.2],
    ['deleteUser', 0.1],
  ];
  const counts = kinds.map(([kind, share]) => [kind, Math.round(total * share)] as const);
  const touched = new Set<string>();
  const pickUser = (): ScenarioEntraUser => {
    for (;;) {
      const user = users[prng.int(users.length)] as ScenarioEntraUser;
      if (!touched.has(user.id) && user.accountEnabled && user.userType === 'Member') {
        touched.add(user.id);
        return user;
      }
    }
  };
  const groupsOf = new Map<string, string[]>();
  for (const group of groups)
    for (const member of group.members) groupsOf.set(member, [...(groupsOf.get(member) ?? []), group.id]);
  const ops: ChurnOp[] = [];
  let next = options.nextUserIndex;
  for (const [kind, count] of counts) {
    for (let i = 0; i < count; i++) {
      const groupId = prng.pick(groups).id;
      if (kind === 'addUser') {
        const address = `user${next}@${BENCH_DOMAIN}`;
        ops.push({
          op: 'addUser',
          groupId,
          user: {
            id: prng.guid(),
            displayName: `Bench User ${next}`,
            userPrincipalName: address,
            mail: address,
            accountEnabled: true,
            userType: 'Member',
          },
        });
        next++;
        continue;
      }
      const user = pickUser();
      if (kind === 'removeMember')
        ops.push({ op: 'removeMember', userId: user.id, groupId: prng.pick(groupsOf.get(user.id) ?? [groupId]) });
      else if (kind === 'addMember') ops.push({ op: 'addMember', userId: user.id, groupId });
      else if (kind === 'disableUser') ops.push({ op: 'disableUser', userId: user.id });
      else ops.push({ op: 'deleteUser', userId: user.id });
    }
  }
  return ops;
}

/** The scenario after the churn (Entra side only; Jira is untouched). */
export function applyChurn(scenario: Scenario, ops: readonly ChurnOp[]): Scenario {
  const users = new Map(scenario.entra.users.map((u) => [u.id, { ...u }]));
  const groups = new Map(scenario.entra.groups.map((g) => [g.id, { ...g, members: [...g.members] }]));
  for (const change of ops) {
    if (change.op === 'addUser') {
      users.set(change.user.id, { ...change.user });
      groups.get(change.groupId)?.members.push(change.user.id);
    } else if (change.op === 'addMember') {
      const group = groups.get(change.groupId);
      if (group && !group.members.includes(change.userId)) group.members.push(change.userId);
    } else if (change.op === 'removeMember') {
      const group = groups.get(change.groupId);
      if (group) group.members = group.members.filter((m) => m !== change.userId);
    } else if (change.op === 'disableUser') {
      const user = users.get(change.userId);
      if (user) user.accountEnabled = false;
    } else {
      users.delete(change.userId);
      for (const group of groups.values()) group.members = group.members.filter((m) => m !== change.userId);
    }
  }
  return { ...scenario, entra: { ...scenario.entra, users: [...users.values()], groups: [...groups.values()] } };
}

/** The Graph simulator's mutation helpers, when it has them (feature-tested, see applyChurnLive). */
export interface GraphMutations {
  addUser(user: ScenarioEntraUser): unknown;
  updateUser(id: string, patch: Partial<ScenarioEntraUser>): unknown;
  deleteUser(id: string): unknown;
  addMember(groupId: string, memberId: string): unknown;
  removeMember(groupId: string, memberId: string): unknown;
}

/** Applies the churn to a live simulator through its mutation helpers (keeps delta state). */
export async function applyChurnLive(sim: GraphMutations, ops: readonly ChurnOp[]): Promise<void> {
  for (const change of ops) {
    if (change.op === 'addUser') {
      await sim.addUser(change.user);
      await sim.addMember(change.groupId, change.user.id);
    } else if (change.op === 'addMember') await sim.addMember(change.groupId, change.userId);
    else if (change.op === 'removeMember') await sim.removeMember(change.groupId, change.userId);
    else if (change.op === 'disableUser') await sim.updateUser(change.userId, { accountEnabled: false });
    else await sim.deleteUser(change.userId);
  }
}
