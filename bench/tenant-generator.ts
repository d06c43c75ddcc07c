import type { Scenario, ScenarioEntraGroup, ScenarioEntraUser, ScenarioJiraUser } from '../dev/scenario/scenario';
import { Prng } from './prng';

/** The shape of a generated tenant; every share is a fraction of the users. */
export interface TenantSpec {
  users: number;
  groups: number;
  seed: number;
  /** Deepest nesting level (roots are level 0). */
  maxDepth?: number;
  guestShare?: number;
  disabledShare?: number;
  /** Users with no `mail` (matched on their UPN instead). */
  noMailShare?: number;
  /** Entra users with no Atlassian account. */
  missingFromJiraShare?: number;
  /** Atlassian accounts whose email profile privacy hides. */
  hiddenEmailShare?: number;
  /** Atlassian accounts made ahead for users that churn adds later (a share of the users). */
  spareShare?: number;
  /** Direct groups per user, drawn skewed between these (inclusive). */
  groupsPerUser?: { min: number; max: number };
  /** Share of nested groups that also sit under one or two more parents (a nesting graph, not a forest). */
  extraParentShare?: number;
  /** Synced groups with this many direct members each (drawn from all users), e.g. "All staff". */
  largeSyncedGroups?: { count: number; members: number };
  /**
   * Share of the other roots the admin syncs ("chosen groups only"), after the large ones; 1 syncs
   * every root. Never more than the settings allow (`MAX_SYNCED_GROUPS`).
   */
  syncedRootShare?: number;
}

/** The settings' most `scope.groupIds` (src/settings/schema.ts). */
export const MAX_SYNCED_GROUPS = 500;

/**
 * Named tenant shapes. `forest` is the original benchmark shape (every root synced); `realistic`
 * is a demanding admin's tenant: groups under several parents, users directly in 2 to 24 groups,
 * five "all staff"-like groups of up to 50k members, and the admin syncs those five plus one
 * department root in 25, so each user lands in a handful of Jira groups.
 */
export const TENANT_PRESETS = {
  forest: {},
  realistic: {
    groupsPerUser: { min: 2, max: 24 },
    extraParentShare: 0.3,
    largeSyncedGroups: { count: 5, members: 50_000 },
    syncedRootShare: 0.04,
  },
} satisfies Record<string, Partial<TenantSpec>>;
export type TenantPreset = keyof typeof TENANT_PRESETS;

export interface GeneratedTenant {
  scenario: Scenario;
  /** First user index not yet in Entra; churn adds users from here (their accounts may already exist). */
  nextUserIndex: number;
}

export const BENCH_DOMAIN = 'bench.example';
export const BENCH_ADMIN = '5b10ac8d82e05b22cc7dad00';
export const NAME_PREFIX = 'entra-';
const TENANT_ID = '6f1e2d3c-0000-4000-8000-0000000be4c1';
const CLIENT_ID = 'a1b2c3d4-0000-4000-8000-0000000be4c1';
const CLIENT_SECRET = 'bench~Secret.Value-0123456789abcdef';

/** Group count that scales with users: 30, 300, 3,000 for 1k, 10k, 100k. */
export function groupsFor(users: number): number {
  return Math.max(3, Math.round(users * 0.03));
}

/** Entra user number `index`: deterministic attributes drawn from `prng`. */
export function makeEntraUser(index: number, prng: Prng, spec: Required<TenantSpec>): ScenarioEntraUser {
  const id = prng.guid();
  const displayName = `Bench User ${index}`;
  if (prng.chance(spec.guestShare)) {
    return {
      id,
      displayName,
      userPrincipalName: `user${index}_partner.example#EXT#@benchtenant.onmicrosoft.com`,
      mail: `user${index}@partner.example`,
      accountEnabled: true,
      userType: 'Guest',
    };
  }
  const address = `user${index}@${BENCH_DOMAIN}`;
  return {
    id,
    displayName,
    userPrincipalName: address,
    mail: prng.chance(spec.noMailShare) ? null : address,
    accountEnabled: !prng.chance(spec.disabledShare),
    userType: 'Member',
  };
}

/** The Atlassian account for user number `index` (half old 24-hex ids, half `712020:` ids). */
export function makeJiraUser(index: number, email: string, prng: Prng, spec: Required<TenantSpec>): ScenarioJiraUser {
  const accountId = index % 2 === 0 ? `5b10${prng.hex(20)}` : `712020:${prng.guid()}`;
  return {
    accountId,
    emailAddress: email,
    displayName: `Bench User ${index}`,
    active: true,
    accountType: 'atlassian',
    emailHidden: prng.chance(spec.hiddenEmailShare),
  };
}

export function withDefaults(spec: TenantSpec): Required<TenantSpec> {
  return {
    maxDepth: 3,
    guestShare: 0.03,
    disabledShare: 0.03,
    noMailShare: 0.05,
    missingFromJiraShare: 0.04,
    hiddenEmailShare: 0.05,
    spareShare: 0.01,
    groupsPerUser: { min: 1, max: 3 },
    extraParentShare: 0,
    largeSyncedGroups: { count: 0, members: 0 },
    syncedRootShare: 1,
    ...spec,
  };
}

/**
 * A tenant: users in 1 to 3 groups each (skewed, so group sizes vary), groups in a nesting forest
 * whose roots (a sixth of the groups) are the synced groups, and a Jira site with accounts for
 * most users and a site admin to write as. Deterministic from the seed.
 */
export function generateTenant(input: TenantSpec): GeneratedTenant {
  const spec = withDefaults(input);
  const prng = new Prng(spec.seed);
  const users = Array.from({ length: spec.users }, (_, i) => makeEntraUser(i, prng, spec));
  const groups = makeForest(spec, prng);
  const order = shuffled(groups.length, prng);
  const { min, max } = spec.groupsPerUser;
  for (const user of users) {
    const count = min + prng.int(max - min + 1);
    const chosen = new Set<number>();
    for (let k = 0; k < count; k++) chosen.add(order[Math.floor(groups.length * prng.next() ** 2)] as number);
    for (const g of chosen) (groups[g] as ScenarioEntraGroup).members.push(user.id);
  }
  addLargeSyncedGroups(groups, users, spec, prng);
  const jiraUsers: ScenarioJiraUser[] = [
    {
      accountId: BENCH_ADMIN,
      emailAddress: `admin@${BENCH_DOMAIN}`,
      displayName: 'Bench Admin',
      active: true,
      accountType: 'atlassian',
    },
  ];
  users.forEach((user, i) => {
    const email = user.mail ?? user.userPrincipalName;
    if (user.userType === 'Guest' ? prng.chance(0.5) : !prng.chance(spec.missingFromJiraShare))
      jiraUsers.push(makeJiraUser(i, email, prng, spec));
  });
  const spare = Math.ceil(spec.users * spec.spareShare);
  for (let i = spec.users; i < spec.users + spare; i++)
    if (!prng.chance(spec.missingFromJiraShare))
      jiraUsers.push(makeJiraUser(i, `user${i}@${BENCH_DOMAIN}`, prng, spec));
  const roots = groups.slice(0, syncedCount(spec)).map((g) => g.id);
  const scenario: Scenario = {
    name: `bench-${spec.users}`,
    description: `Generated benchmark tenant: ${spec.users} users, ${groups.length} groups, seed ${spec.seed}.`,
    entra: { users, groups },
    jira: {
      users: jiraUsers,
      groups: [{ name: 'jira-software-users', members: [BENCH_ADMIN], defaultAccess: true, accessType: 'user' }],
      siteAdmins: [BENCH_ADMIN],
    },
    settings: {
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      cloud: 'global',
      scope: { mode: 'groups', groupIds: roots, domains: [], includeGuests: false, includeDisabled: false },
      identifier: 'mail',
      groups: { mapping: [], namePrefix: NAME_PREFIX, createMissing: true },
      users: { createMissing: false },
      removals: { enabled: true, maxPerRun: 1_000_000, maxPercent: 100 },
      schedule: { enabled: false },
      writeAs: { mode: 'runAsAdmin', accountId: BENCH_ADMIN },
    },
  };
  return { scenario, nextUserIndex: spec.users };
}

/** Root groups: a sixth of all groups (3,000 groups give 500 roots, the settings' cap). */
export function rootCount(groups: number): number {
  return Math.ceil(groups / 6);
}

/** Synced groups, the first roots: the large ones, then the chosen share of the rest, at most the settings' cap. */
export function syncedCount(
  spec: Required<Pick<TenantSpec, 'groups' | 'largeSyncedGroups' | 'syncedRootShare'>>,
): number {
  const roots = rootCount(spec.groups);
  const large = Math.min(spec.largeSyncedGroups.count, roots);
  const chosen = spec.syncedRootShare >= 1 ? roots : large + Math.ceil(spec.syncedRootShare * (roots - large));
  return Math.min(MAX_SYNCED_GROUPS, roots, chosen);
}

function makeForest(spec: Required<TenantSpec>, prng: Prng): ScenarioEntraGroup[] {
  const groups: ScenarioEntraGroup[] = [];
  const depth: number[] = [];
  const roots = rootCount(spec.groups);
  for (let j = 0; j < spec.groups; j++) {
    groups.push({ id: prng.guid(), displayName: `Dept ${j.toString().padStart(4, '0')}`, members: [] });
    if (j < roots) {
      depth.push(0);
      continue;
    }
    let parent = prng.int(j);
    while ((depth[parent] as number) >= spec.maxDepth) parent = prng.int(j);
    depth.push((depth[parent] as number) + 1);
    (groups[parent] as ScenarioEntraGroup).members.push((groups[j] as ScenarioEntraGroup).id);
    // More parents, all earlier groups, so the nesting graph has no cycle.
    if (spec.extraParentShare > 0 && prng.chance(spec.extraParentShare)) {
      for (let extra = 1 + prng.int(2); extra > 0; extra--) {
        const other = groups[prng.int(j)] as ScenarioEntraGroup;
        const id = (groups[j] as ScenarioEntraGroup).id;
        if (!other.members.includes(id)) other.members.push(id);
      }
    }
  }
  return groups;
}

/** The first `count` synced groups get `members` direct members each, drawn from every user. */
function addLargeSyncedGroups(
  groups: ScenarioEntraGroup[],
  users: ScenarioEntraUser[],
  spec: Required<TenantSpec>,
  prng: Prng,
): void {
  const { count, members } = spec.largeSyncedGroups;
  for (let g = 0; g < Math.min(count, rootCount(groups.length)); g++) {
    const group = groups[g] as ScenarioEntraGroup;
    const present = new Set(group.members);
    const start = prng.int(users.length);
    // A run of users from a random start: `members` of them (or all), each once.
    for (let k = 0, added = 0; added < members && k < users.length; k++) {
      const id = (users[(start + k) % users.length] as ScenarioEntraUser).id;
      if (present.has(id)) continue;
      group.members.push(id);
      added++;
    }
  }
}

function shuffled(n: number, prng: Prng): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = prng.int(i + 1);
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}
