import { driftDueAt, driftSlice } from '../../../core/drift-repair';
import { isSyncError, RUN_STOPPING_CODES } from '../../../core/errors';
import { decideScope } from '../../../core/scope';
import { isMatchable } from '../../../core/match';
import type { GroupTarget } from '../../../core/target-groups';
import { loadSnapshotMeta } from '../../state/snapshot';
import type { StepContext } from '../../run/context';
import { RUN_DATA } from '../../run/run-data';
import { cycleMsOf, loadDriftCursor } from '../../state/drift-cursor';
import { syncedGroupIds } from '../read-entra/synced-groups';
import { loadLinksOf } from '../../state/links';
import { membershipNow, usersNow } from './entra-now';
import type { DriftMemberPage, DriftRoot } from './pages';

export type { DriftMemberPage, DriftRoot } from './pages';

// Pages of one group read per unit of work (50 members a page), and account IDs per bulk email call.
const PAGES_PER_UNIT = 40;

/** Whether a group may be due now; false lets a no-change run skip Jira entirely. */
export async function driftMayBeDue(ctx: StepContext): Promise<boolean> {
  const stored = await loadDriftCursor(ctx.deps.kv);
  return ctx.deps.clock.now() >= driftDueAt(stored, stored?.of ?? 0, cycleMsOf(ctx.run));
}

/** Once the targets are known: the managed groups due now. */
export async function chooseDriftSlice(ctx: StepContext, targets: readonly GroupTarget[]): Promise<void> {
  const managed = targets.filter((t) => t.state === 'managed' && t.groupId !== null).map((t) => t.groupId as string);
  const slice = driftSlice(managed, await loadDriftCursor(ctx.deps.kv), ctx.deps.clock.now(), cycleMsOf(ctx.run));
  ctx.run.cursor.drift = {
    groupIds: slice.groupIds,
    of: slice.of,
    after: slice.after,
    index: 0,
    startAt: 0,
    failed: [],
    usersDone: false,
    emailsDone: false,
    points: 0,
  };
  ctx.run.summary.driftRepair = { groups: 0, of: slice.of };
}

/**
 * Reads the slice's groups (a group whose read fails is left out: nothing in it changes), then
 * the Entra side of those groups, then the emails profile privacy hides for their unlinked members.
 */
export async function readDriftUnit(ctx: StepContext): Promise<'more' | 'done'> {
  const drift = ctx.run.cursor.drift;
  if (!drift) return 'done';
  const pointsBefore = ctx.run.summary.jiraPoints ?? 0;
  try {
    if (drift.index < drift.groupIds.length) await readGroupPages(ctx);
    else if (!drift.usersDone) await gatherDriftUsers(ctx);
    else if (!drift.emailsDone) await readHiddenEmails(ctx);
    else return 'done';
    return 'more';
  } finally {
    drift.points += (ctx.run.summary.jiraPoints ?? 0) - pointsBefore;
  }
}

async function readGroupPages(ctx: StepContext): Promise<void> {
  const { run, jira } = ctx;
  const drift = run.cursor.drift!;
  const groupId = drift.groupIds[drift.index] as string;
  const pages: DriftMemberPage[] = [];
  let startAt: number | null = drift.startAt;
  try {
    for (let n = 0; startAt !== null && n < PAGES_PER_UNIT; n++) {
      const page = await jira.groupMembersPage(groupId, startAt);
      pages.push({ groupId, members: page.members });
      startAt = page.next;
    }
  } catch (error) {
    if (!isSyncError(error) || error.retryable || RUN_STOPPING_CODES.has(error.code)) throw error;
    // Any other failure skips the group: nothing in it changes.
    drift.failed.push(groupId);
    run.summary.warnings.push(
      `Drift repair could not read the members of Jira group ${groupId} (${error.message}); nothing in it is changed, and the next cycle reads it again.`,
    );
    drift.index++;
    drift.startAt = 0;
    return;
  }
  await RUN_DATA.driftMembers.append(ctx, pages);
  if (startAt !== null) {
    drift.startAt = startAt;
    return;
  }
  drift.index++;
  drift.startAt = 0;
  run.summary.driftRepair = { groups: (run.summary.driftRepair?.groups ?? 0) + 1, of: drift.of };
}

/** The slice's chosen groups as this run leaves them, their users, and the unlinked ones queued for a lookup by email. */
async function gatherDriftUsers(ctx: StepContext): Promise<void> {
  const { run, deps } = ctx;
  const drift = run.cursor.drift!;
  drift.usersDone = true;
  const read = new Set(drift.groupIds.filter((g) => !drift.failed.includes(g)));
  const targets = await RUN_DATA.targets.read(ctx);
  const roots = new Set(targets.filter((t) => t.groupId !== null && read.has(t.groupId)).map((t) => t.entraGroupId));
  if (roots.size === 0) return;
  const meta = await loadSnapshotMeta(deps.kv);
  if (!meta) return;
  const now = await membershipNow(ctx, meta);
  const wanted = new Set<string>();
  const driftRoots: DriftRoot[] = [...roots].map((rootId) => ({
    rootId,
    userIds: [...(now.members.get(rootId) ?? [])],
  }));
  for (const root of driftRoots) for (const id of root.userIds) wanted.add(id);
  const { current } = await usersNow(ctx, meta, now, wanted);
  await RUN_DATA.driftRoots.append(ctx, driftRoots);
  await RUN_DATA.driftUsers.append(ctx, [...current.values()]);

  // In-scope users with no link yet are looked up by email like changed users: an account that appeared since is matched.
  const links = await loadLinksOf(deps.kv, wanted);
  const queued = new Set((await RUN_DATA.affectedInput.read(ctx)).map((a) => a.entraId));
  const rules = {
    identifier: run.settings.identifier,
    domains: run.settings.scope.domains,
    includeGuests: run.settings.scope.includeGuests,
    includeDisabled: run.settings.scope.includeDisabled,
  };
  const chosen = syncedGroupIds(run.settings);
  const unlinked = [...current.values()].filter(
    (user) => !links.has(user.id) && !queued.has(user.id) && decideScope(user, rules).inScope,
  );
  await RUN_DATA.affectedInput.append(
    ctx,
    unlinked.map((user) => ({
      entraId: user.id,
      user,
      roots: chosen.filter((r) => now.members.get(r)?.has(user.id)),
      formerIdentifier: null,
    })),
  );
}

/** Hidden emails of the slice's members that no slice user is linked to (an unlinked user may be one of them). */
async function readHiddenEmails(ctx: StepContext): Promise<void> {
  const { run, deps, jira } = ctx;
  const drift = run.cursor.drift!;
  drift.emailsDone = true;
  const userIds: string[] = [];
  await RUN_DATA.driftUsers.forEach(ctx, (chunk) => userIds.push(...chunk.map((u) => u.id)));
  const linked = new Set((await loadLinksOf(deps.kv, userIds)).values());
  const hidden = new Set<string>();
  await RUN_DATA.driftMembers.forEach(ctx, (chunk) => {
    for (const page of chunk)
      for (const m of page.members)
        if (!m.emailAddress && isMatchable(m) && !linked.has(m.accountId)) hidden.add(m.accountId);
  });
  if (hidden.size === 0) return;
  const emails = await jira.emailsOf([...hidden]);
  await RUN_DATA.driftEmails.append(
    ctx,
    [...emails].map(([accountId, email]) => ({ accountId, email })),
  );
}
