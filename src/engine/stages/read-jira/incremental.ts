import { SyncError } from '../../../core/errors';
import type { EntraUser, JiraUser } from '../../../core/model';
import { identifierOf } from '../../../core/identifier';
import { loadMemberIds, loadSnapshotMeta, loadStoredUsers } from '../../state/snapshot';
import type { StepContext } from '../../run/context';
import { appendRunData, forEachRunData, readRunData } from '../../run/context';
import { syncedGroupIds } from '../read-entra/synced-groups';
import { loadLinksOf } from '../../state/links';
import { inParallel } from '../../run/in-parallel';
import type { MemberPage } from '../read-entra/full';

/** One user whose Entra data or membership changed, with what Jira says about them now. */
export interface AffectedUser {
  entraId: string;
  /** The user now; null when deleted in Entra. */
  user: EntraUser | null;
  /** Chosen groups that contain the user now (at any depth). */
  roots: string[];
  /** Candidate accounts: the linked one, or the accounts whose email equals the identifier. */
  accounts: JiraUser[];
  /** Group IDs of each candidate account, by accountId. */
  groupIdsByAccount: Record<string, string[]>;
  /** A new user whose email the user search did not find (profile privacy may hide it). */
  unresolvedEmail?: string;
}

// Users looked up per unit of work (each costs one or two Jira requests), and how many at once.
const USERS_PER_UNIT = 100;
const LOOKUP_CONCURRENCY = 8;

/** How many users changed in this incremental run (computing the list first if needed). */
export async function countAffected(ctx: StepContext): Promise<number> {
  if (ctx.run.cursor.chunks['affected-input'] === undefined) await computeAffectedInput(ctx);
  return (await readRunData(ctx, 'affected-input')).length;
}

/**
 * Once per run: the users that changed and the chosen groups they are in now. Membership is
 * compared as IDs; user objects are loaded only for the changed users (memory stays small).
 * A user changed when users/delta reports them, when they were deleted, or when a chosen group
 * that was read again gained or lost them at any depth.
 */
async function computeAffectedInput(ctx: StepContext): Promise<void> {
  const { run, deps } = ctx;
  const meta = await loadSnapshotMeta(deps.kv);
  if (!meta) throw new SyncError('delta-expired', 'The stored sync state is gone; a full read is needed.');
  const members = await loadMemberIds(deps.kv, meta);
  const known = (id: string) => [...members.values()].some((m) => m.has(id));
  const changed = new Set<string>();

  const reread = new Map<string, Set<string>>();
  await forEachRunData<MemberPage>(ctx, 'entra-members', (chunk) => {
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
  await forEachRunData<EntraUser>(ctx, 'delta-users', (chunk) => {
    for (const user of chunk) if (run.settings.scope.mode === 'all' || known(user.id) || changed.has(user.id)) deltaUsers.set(user.id, user);
  });
  for (const id of deltaUsers.keys()) changed.add(id);
  const removedIds = new Set<string>();
  await forEachRunData<string>(ctx, 'delta-removed', (ids) => {
    for (const id of ids) if (run.settings.scope.mode === 'all' || known(id)) removedIds.add(id);
  });
  for (const id of removedIds) changed.add(id);

  // Users as stored before this run (for removed users' former address), then as they are now.
  const stored = await loadStoredUsers(deps.kv, meta, changed);
  const current = new Map(stored);
  await forEachRunData<MemberPage>(ctx, 'entra-members', (chunk) => {
    for (const page of chunk) for (const user of page.users) if (changed.has(user.id)) current.set(user.id, user);
  });
  for (const [id, user] of deltaUsers) current.set(id, user);
  for (const id of removedIds) {
    current.delete(id);
    for (const set of members.values()) set.delete(id);
  }

  const roots = syncedGroupIds(run.settings);
  const input = [...changed].sort().map((entraId) => {
    const former = removedIds.has(entraId) ? stored.get(entraId) : undefined;
    return { entraId, user: current.get(entraId) ?? null, roots: roots.filter((r) => members.get(r)?.has(entraId)), formerIdentifier: former ? identifierOf(former, run.settings.identifier) : null };
  });
  run.cursor.chunks['affected-input'] = 0;
  await appendRunData(ctx, 'affected-input', input);
  run.summary.progress = { done: 0, total: input.length };
}

/**
 * The Jira read of an incremental run: only for the users that changed, the linked account (or the
 * accounts with their email) and that account's groups. The group targets are resolved as in a
 * full run (by the caller).
 */
export async function readTargetIncrementalUnit(ctx: StepContext): Promise<'more' | 'done'> {
  const { run, deps, jira } = ctx;
  if (run.cursor.chunks['affected-input'] === undefined) await computeAffectedInput(ctx);
  const inputs = await readRunData<Omit<AffectedUser, 'accounts' | 'groupIdsByAccount'> & { formerIdentifier: string | null }>(ctx, 'affected-input');
  const start = run.cursor.delta.affectedIndex;
  if (start >= inputs.length) return resolveUnfoundUnit(ctx);
  const slice = inputs.slice(start, start + USERS_PER_UNIT);
  const links = await loadLinksOf(deps.kv, slice.map((input) => input.entraId));
  const batch: AffectedUser[] = new Array(slice.length);
  await inParallel(
    slice.map((input, i) => ({ input, i })),
    LOOKUP_CONCURRENCY,
    async ({ input: { entraId, user, roots, formerIdentifier }, i }) => {
      const linked = links.get(entraId);
      const identifier = user ? identifierOf(user, run.settings.identifier) : formerIdentifier;
      let accounts: JiraUser[] = [];
      if (linked) accounts = [{ accountId: linked, emailAddress: identifier, displayName: user?.displayName ?? linked, active: true, accountType: 'atlassian' }];
      else if (identifier && user) accounts = await jira.accountsByEmail(identifier);
      const groupIdsByAccount: Record<string, string[]> = {};
      for (const account of accounts) {
        const groupIds = await jira.groupIdsOfAccount(account.accountId);
        // Jira no longer knows a linked account: it cannot be matched.
        if (groupIds === null) account.active = false;
        groupIdsByAccount[account.accountId] = groupIds ?? [];
      }
      batch[i] = { entraId, user, roots, accounts, groupIdsByAccount, ...(!linked && user && identifier && accounts.length === 0 ? { unresolvedEmail: identifier } : {}) };
    },
  );
  await appendRunData<AffectedUser>(ctx, 'affected', batch);
  run.cursor.delta.affectedIndex = start + batch.length;
  run.summary.progress = { done: run.cursor.delta.affectedIndex, total: inputs.length };
  return 'more';
}

/**
 * User search does not see emails hidden by profile privacy. A new user it did not find is looked
 * up by display name, and the hidden emails of the accounts of that name are read through the bulk
 * email API: a few requests, never a read of every account. One still not found is matched by the
 * next full run (the run says so).
 */
async function resolveUnfoundUnit(ctx: StepContext): Promise<'more' | 'done'> {
  const { run, jira } = ctx;
  if (run.cursor.chunks['affected-resolved'] !== undefined) return 'done';
  const unfound = (await readRunData<AffectedUser>(ctx, 'affected')).filter((a) => a.unresolvedEmail);
  if (unfound.length === 0) return 'done';
  const resolved: AffectedUser[] = new Array(unfound.length);
  await inParallel(
    unfound.map((entry, i) => ({ entry, i })),
    LOOKUP_CONCURRENCY,
    async ({ entry, i }) => {
      const namesakes = entry.user ? (await jira.accountsByDisplayName(entry.user.displayName)).filter((a) => a.emailAddress === null) : [];
      const hidden = namesakes.length > 0 ? await jira.emailsOf(namesakes.map((a) => a.accountId)) : new Map<string, string>();
      const wanted = (entry.unresolvedEmail as string).toLowerCase();
      const accounts = namesakes.filter((a) => hidden.get(a.accountId)?.toLowerCase() === wanted).map((a) => ({ ...a, emailAddress: hidden.get(a.accountId) ?? null }));
      const groupIdsByAccount: Record<string, string[]> = {};
      for (const account of accounts) groupIdsByAccount[account.accountId] = (await jira.groupIdsOfAccount(account.accountId)) ?? [];
      resolved[i] = { ...entry, accounts, groupIdsByAccount };
    },
  );
  const stillUnfound = resolved.filter((a) => a.accounts.length === 0).length;
  if (stillUnfound > 0) run.summary.warnings.push(`${stillUnfound} new users were not found in Jira by email or display name; if profile privacy hides their email, the next full run matches them.`);
  run.cursor.chunks['affected-resolved'] = 0;
  await appendRunData<AffectedUser>(ctx, 'affected-resolved', resolved);
  return 'done';
}
