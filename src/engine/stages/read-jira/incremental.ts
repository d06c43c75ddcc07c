import { SyncError } from '../../../core/errors';
import type { JiraUser } from '../../../core/model';
import { identifierOf } from '../../../core/identifier';
import { loadSnapshotMeta } from '../../state/snapshot';
import { readAnyChange } from './entra-now';
import { changesByWholeState } from './changes-now';
import { changesByIndex } from './changes-by-index';
import type { StepContext } from '../../run/context';
import type { ReadJiraIncrementalCursor } from '../../run/cursor';
import { stageCursor } from '../../run/cursor';
import type { Stage } from '../stage';
import { RUN_DATA } from '../../run/run-data';
import { syncedGroupIds } from '../read-entra/synced-groups';
import { loadLinksOf } from '../../state/links';
import { inParallel } from '../../run/in-parallel';
import { recordSearchedUnfound } from '../../state/searched-unfound';
import { cycleMsOf } from '../../state/drift-cursor';
import { resolveTargetGroups } from './shared';
import { chooseDriftSlice, driftMayBeDue, readDriftUnit } from './drift';
import type { AffectedInput, AffectedUser } from './affected';

export type { AffectedInput, AffectedUser } from './affected';

// Users looked up per unit of work (each costs one or two Jira requests), and how many at once.
const USERS_PER_UNIT = 100;
const LOOKUP_CONCURRENCY = 8;

/**
 * Once per run: the users that changed and the chosen groups they are in now. Membership is
 * compared as IDs; user objects are loaded only for the changed users (memory stays small). A run
 * that read no change from Entra reads no stored state at all; one that did reads the groups it read
 * again and the index entries of the users its reads name (changes-by-index.ts).
 */
async function listChangedUsers(ctx: StepContext): Promise<number> {
  const { run, deps } = ctx;
  await RUN_DATA.affectedInput.replace(ctx, []);
  run.summary.progress = { done: 0, total: 0 };
  if (!readAnyChange(ctx)) return 0;
  const meta = await loadSnapshotMeta(deps.kv);
  if (!meta) throw new SyncError('delta-expired', 'The stored sync state is gone; a full read is needed.');
  // The user index reads only what the changes name; a snapshot saved before it is read whole.
  const changes = (await changesByIndex(ctx, meta)) ?? (await changesByWholeState(ctx, meta));
  const roots = syncedGroupIds(run.settings);
  const input = [...changes.changed].sort().map((entraId): AffectedInput => {
    // Users as stored before this run give a deleted user's former address.
    const former = changes.removedIds.has(entraId) ? changes.stored.get(entraId) : undefined;
    return {
      entraId,
      user: changes.current.get(entraId) ?? null,
      roots: roots.filter((r) => changes.holds(r, entraId)),
      formerIdentifier: former ? identifierOf(former, run.settings.identifier) : null,
    };
  });
  await RUN_DATA.affectedInput.replace(ctx, input);
  run.summary.progress = { done: 0, total: input.length };
  return input.length;
}

/**
 * The Jira read of an incremental run: only for the users that changed, the linked account (or the
 * accounts with their email) and that account's groups. The group targets are resolved as in a
 * full run (by the caller).
 */
async function lookupUnit(ctx: StepContext, cursor: ReadJiraIncrementalCursor): Promise<'more' | 'done'> {
  const { run, deps, jira } = ctx;
  const inputs = await RUN_DATA.affectedInput.read(ctx);
  const start = cursor.lookupIndex;
  if (start >= inputs.length) return 'done';
  const slice = inputs.slice(start, start + USERS_PER_UNIT);
  const links = await loadLinksOf(
    deps.kv,
    slice.map((input) => input.entraId),
    ctx.cache,
  );
  const batch: AffectedUser[] = new Array(slice.length);
  await inParallel(
    slice.map((input, i) => ({ input, i })),
    LOOKUP_CONCURRENCY,
    async ({ input: { entraId, user, roots, formerIdentifier, onlyGroups }, i }) => {
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
        groupIdsByAccount[account.accountId] = within(groupIds ?? [], onlyGroups);
      }
      batch[i] = {
        entraId,
        user,
        roots,
        accounts,
        groupIdsByAccount,
        ...(onlyGroups ? { onlyGroups } : {}),
        ...(!linked && user && identifier && accounts.length === 0 ? { unresolvedEmail: identifier } : {}),
      };
    },
  );
  await RUN_DATA.affected.append(ctx, batch);
  cursor.lookupIndex = start + batch.length;
  run.summary.progress = { done: cursor.lookupIndex, total: inputs.length };
  return 'more';
}

/** An account's groups the plan may see (drift repair's unlinked users: the slice's groups only). */
function within(groupIds: string[], onlyGroups: readonly string[] | undefined): string[] {
  return onlyGroups ? groupIds.filter((g) => onlyGroups.includes(g)) : groupIds;
}

/**
 * User search does not see emails hidden by profile privacy. A new user it did not find is looked
 * up by display name, and the hidden emails of the accounts of that name are read through the bulk
 * email API: a few requests, never a read of every account. One still not found is matched by the
 * next full run (the run says so).
 */
async function resolveUnfound(ctx: StepContext): Promise<void> {
  const { run, jira } = ctx;
  const unfound = (await RUN_DATA.affected.read(ctx)).filter((a) => a.unresolvedEmail);
  if (unfound.length === 0) return;
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
        groupIdsByAccount[account.accountId] = within(
          (await jira.groupIdsOfAccount(account.accountId)) ?? [],
          entry.onlyGroups,
        );
      resolved[i] = { ...entry, accounts, groupIdsByAccount };
    },
  );
  const stillUnfound = resolved.filter((a) => a.accounts.length === 0);
  const drift = run.cursor.drift;
  // Every search above completed (a failed one throws first): these users are not searched again this cycle.
  if (drift)
    await recordSearchedUnfound(
      ctx.deps.kv,
      drift.after.cycleStartedAt,
      cycleMsOf(run),
      stillUnfound.map((a) => a.entraId),
    );
  if (stillUnfound.length > 0)
    run.summary.warnings.push(
      `${stillUnfound.length} users without a Jira link were not found in Jira by email or display name; if profile privacy hides their email, drift repair matches them once it reads a group their account is in, and the next full run matches them.`,
    );
  await RUN_DATA.affectedResolved.replace(ctx, resolved);
}

/**
 * Reads Jira for an incremental run: nothing at all when no user changed and no group is due for
 * drift repair; else the group targets (and the drift slice), the slice's members, then the
 * changed users, then the new users the email search did not find.
 */
export const readJiraIncremental: Stage = {
  start: (): ReadJiraIncrementalCursor => ({
    phase: 'read-target',
    kind: 'incremental',
    task: 'changed-users',
    lookupIndex: 0,
  }),
  unit: async (ctx) => {
    const cursor = stageCursor(ctx.run, 'read-target', 'incremental');
    if (cursor.task === 'changed-users') {
      if ((await listChangedUsers(ctx)) === 0 && !(await driftMayBeDue(ctx))) return 'done';
      cursor.task = 'targets';
    }
    if (cursor.task === 'targets') {
      await chooseDriftSlice(ctx, await resolveTargetGroups(ctx));
      cursor.task = 'drift';
      return 'more';
    }
    if (cursor.task === 'drift') {
      if ((await readDriftUnit(ctx)) === 'more') return 'more';
      cursor.task = 'lookups';
    }
    if (cursor.task === 'lookups') {
      if ((await lookupUnit(ctx, cursor)) === 'more') return 'more';
      cursor.task = 'unfound';
    }
    await resolveUnfound(ctx);
    return 'done';
  },
};
