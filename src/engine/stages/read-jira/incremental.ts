import { SyncError } from '../../../core/errors';
import type { JiraUser } from '../../../core/model';
import { identifierOf } from '../../../core/identifier';
import { loadSnapshotMeta } from '../../state/snapshot';
import { membershipNow, readAnyChange, usersNow } from './entra-now';
import type { StepContext } from '../../run/context';
import { RUN_DATA } from '../../run/run-data';
import { syncedGroupIds } from '../read-entra/synced-groups';
import { loadLinksOf } from '../../state/links';
import { inParallel } from '../../run/in-parallel';
import { resolveTargetGroups } from './shared';
import { chooseDriftSlice, driftMayBeDue, readDriftUnit } from './drift';
import type { AffectedInput, AffectedUser } from './affected';

export type { AffectedInput, AffectedUser } from './affected';

// Users looked up per unit of work (each costs one or two Jira requests), and how many at once.
const USERS_PER_UNIT = 100;
const LOOKUP_CONCURRENCY = 8;

/** How many users changed in this incremental run (computing the list first if needed). */
export async function countAffected(ctx: StepContext): Promise<number> {
  if (ctx.run.cursor.chunks['affected-input'] === undefined) await computeAffectedInput(ctx);
  return (await RUN_DATA.affectedInput.read(ctx)).length;
}

/**
 * Once per run: the users that changed and the chosen groups they are in now. Membership is
 * compared as IDs; user objects are loaded only for the changed users (memory stays small). A run
 * that read no change from Entra reads no stored state at all.
 */
async function computeAffectedInput(ctx: StepContext): Promise<void> {
  const { run, deps } = ctx;
  run.cursor.chunks['affected-input'] = 0;
  run.summary.progress = { done: 0, total: 0 };
  if (!readAnyChange(ctx)) return;
  const meta = await loadSnapshotMeta(deps.kv);
  if (!meta) throw new SyncError('delta-expired', 'The stored sync state is gone; a full read is needed.');
  const now = await membershipNow(ctx, meta);
  // Users as stored before this run (for removed users' former address), then as they are now.
  const { stored, current } = await usersNow(ctx, meta, now, now.changed);
  const roots = syncedGroupIds(run.settings);
  const input = [...now.changed].sort().map((entraId): AffectedInput => {
    const former = now.removedIds.has(entraId) ? stored.get(entraId) : undefined;
    return {
      entraId,
      user: current.get(entraId) ?? null,
      roots: roots.filter((r) => now.members.get(r)?.has(entraId)),
      formerIdentifier: former ? identifierOf(former, run.settings.identifier) : null,
    };
  });
  await RUN_DATA.affectedInput.append(ctx, input);
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
  const inputs = await RUN_DATA.affectedInput.read(ctx);
  const start = run.cursor.delta.affectedIndex;
  if (start >= inputs.length) return resolveUnfoundUnit(ctx);
  const slice = inputs.slice(start, start + USERS_PER_UNIT);
  const links = await loadLinksOf(
    deps.kv,
    slice.map((input) => input.entraId),
  );
  const batch: AffectedUser[] = new Array(slice.length);
  await inParallel(
    slice.map((input, i) => ({ input, i })),
    LOOKUP_CONCURRENCY,
    async ({ input: { entraId, user, roots, formerIdentifier }, i }) => {
      const linked = links.get(entraId);
      const identifier = user ? identifierOf(user, run.settings.identifier) : formerIdentifier;
      let accounts: JiraUser[] = [];
      if (linked)
        accounts = [
          {
            accountId: linked,
            emailAddress: identifier,
            displayName: user?.displayName ?? linked,
            active: true,
            accountType: 'atlassian',
          },
        ];
      else if (identifier && user) accounts = await jira.accountsByEmail(identifier);
      const groupIdsByAccount: Record<string, string[]> = {};
      for (const account of accounts) {
        const groupIds = await jira.groupIdsOfAccount(account.accountId);
        // Jira no longer knows a linked account: it cannot be matched.
        if (groupIds === null) account.active = false;
        groupIdsByAccount[account.accountId] = groupIds ?? [];
      }
      batch[i] = {
        entraId,
        user,
        roots,
        accounts,
        groupIdsByAccount,
        ...(!linked && user && identifier && accounts.length === 0 ? { unresolvedEmail: identifier } : {}),
      };
    },
  );
  await RUN_DATA.affected.append(ctx, batch);
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
  const unfound = (await RUN_DATA.affected.read(ctx)).filter((a) => a.unresolvedEmail);
  if (unfound.length === 0) return 'done';
  const resolved: AffectedUser[] = new Array(unfound.length);
  await inParallel(
    unfound.map((entry, i) => ({ entry, i })),
    LOOKUP_CONCURRENCY,
    async ({ entry, i }) => {
      const namesakes = entry.user
        ? (await jira.accountsByDisplayName(entry.user.displayName)).filter((a) => a.emailAddress === null)
        : [];
      const hidden =
        namesakes.length > 0 ? await jira.emailsOf(namesakes.map((a) => a.accountId)) : new Map<string, string>();
      const wanted = (entry.unresolvedEmail as string).toLowerCase();
      const accounts = namesakes
        .filter((a) => hidden.get(a.accountId)?.toLowerCase() === wanted)
        .map((a) => ({ ...a, emailAddress: hidden.get(a.accountId) ?? null }));
      const groupIdsByAccount: Record<string, string[]> = {};
      for (const account of accounts)
        groupIdsByAccount[account.accountId] = (await jira.groupIdsOfAccount(account.accountId)) ?? [];
      resolved[i] = { ...entry, accounts, groupIdsByAccount };
    },
  );
  const stillUnfound = resolved.filter((a) => a.accounts.length === 0).length;
  if (stillUnfound > 0)
    run.summary.warnings.push(
      `${stillUnfound} users without a Jira link were not found in Jira by email or display name; if profile privacy hides their email, drift repair matches them once it reads a group their account is in, and the next full run matches them.`,
    );
  run.cursor.chunks['affected-resolved'] = 0;
  await RUN_DATA.affectedResolved.append(ctx, resolved);
  return 'done';
}

/**
 * Reads Jira for an incremental run: nothing at all when no user changed and no group is due for
 * drift repair; else the group targets (and the drift slice), the slice's members, then the changed users.
 */
export async function readJiraIncremental(ctx: StepContext): Promise<'more' | 'done'> {
  if (!ctx.run.cursor.targetsResolved) {
    if ((await countAffected(ctx)) === 0 && !(await driftMayBeDue(ctx))) return 'done';
    await chooseDriftSlice(ctx, await resolveTargetGroups(ctx));
    return 'more';
  }
  return (await readDriftUnit(ctx)) === 'more' ? 'more' : readTargetIncrementalUnit(ctx);
}
