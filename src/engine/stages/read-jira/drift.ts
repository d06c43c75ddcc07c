import { driftDueAt, driftSlice } from '../../../core/drift-repair';
import { isSyncError, RUN_STOPPING_CODES } from '../../../core/errors';
import { isMatchable } from '../../../core/match';
import type { GroupTarget } from '../../../core/target-groups';
import { loadSnapshotMeta } from '../../state/snapshot';
import type { StepContext } from '../../run/context';
import { RUN_DATA } from '../../run/run-data';
import { cycleMsOf, driftGroupsOf, loadDriftCursor, memberBoundOf } from '../../state/drift-cursor';
import { loadMemberIndex } from '../../state/member-index';
import { loadLinksOf } from '../../state/links';
import { gatherDriftUsers } from './drift-users';

import type { DriftMemberPage } from './pages';

export type { DriftMemberPage, DriftRoot } from './pages';

// Pages of one group read per unit of work (50 members a page).
const PAGES_PER_UNIT = 40;
/** Group names a run record keeps of its drift-repair slice (the record is one KVS value). */
const DRIFT_NAMES_SHOWN = 20;

/** Whether a group may be due now; false lets a no-change run skip Jira entirely. */
export async function driftMayBeDue(ctx: StepContext): Promise<boolean> {
  return ctx.deps.clock.now() >= driftDueAt(await loadDriftCursor(ctx.deps.kv), cycleMsOf(ctx.run));
}

/** Once the targets are known: the managed groups due now, bounded by their desired members. */
export async function chooseDriftSlice(ctx: StepContext, targets: readonly GroupTarget[]): Promise<void> {
  const { run, deps } = ctx;
  const now = deps.clock.now();
  const meta = await loadSnapshotMeta(deps.kv);
  const index = meta ? await loadMemberIndex(deps.kv, meta) : null;
  const groups = driftGroupsOf(targets, (rootId) => index?.get(rootId)?.members ?? 0);
  const bound = memberBoundOf(run, groups, now);
  const slice = driftSlice(groups, await loadDriftCursor(deps.kv), now, cycleMsOf(run), bound);
  const names = new Map(targets.map((t) => [t.groupId, t.jiraGroup]));
  run.cursor.drift = {
    groupIds: slice.groupIds,
    names: slice.groupIds.map((id) => names.get(id) ?? id),
    of: slice.of,
    after: slice.after,
    index: 0,
    startAt: 0,
    failed: [],
    usersDone: false,
    emailsDone: false,
    points: 0,
  };
  // A run with no group due makes no drift-repair claim.
  if (slice.groupIds.length > 0)
    run.summary.driftRepair = { groups: 0, of: slice.of, due: slice.groupIds.length, cycleRead: slice.readInCycle };
}

/** The run record's account of the slice so far: the groups read whole and those whose read failed. */
function recordDriftProgress(ctx: StepContext): void {
  const drift = ctx.run.cursor.drift!;
  const done = drift.groupIds.slice(0, drift.index);
  const nameOf = (id: string) => drift.names?.[drift.groupIds.indexOf(id)] ?? id;
  const read = done.filter((id) => !drift.failed.includes(id));
  ctx.run.summary.driftRepair = {
    ...ctx.run.summary.driftRepair!,
    groups: read.length,
    read: read.slice(0, DRIFT_NAMES_SHOWN).map(nameOf),
    failed: drift.failed.slice(0, DRIFT_NAMES_SHOWN).map(nameOf),
    failedCount: drift.failed.length,
  };
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
      `Drift repair could not read the members of Jira group ${drift.names?.[drift.index] ?? groupId} (${groupId}): ${error.message}. Nothing in it is changed; the next cycle reads it again.`,
    );
    drift.index++;
    drift.startAt = 0;
    recordDriftProgress(ctx);
    return;
  }
  await RUN_DATA.driftMembers.append(ctx, pages);
  if (startAt !== null) {
    drift.startAt = startAt;
    return;
  }
  drift.index++;
  drift.startAt = 0;
  recordDriftProgress(ctx);
}

/** Hidden emails of the slice's members that no slice user is linked to (an unlinked user may be one of them). */
async function readHiddenEmails(ctx: StepContext): Promise<void> {
  const { run, deps, jira } = ctx;
  const drift = run.cursor.drift!;
  drift.emailsDone = true;
  const userIds: string[] = [];
  await RUN_DATA.driftUsers.forEach(ctx, (chunk) => userIds.push(...chunk.map((u) => u.id)));
  const linked = new Set((await loadLinksOf(deps.kv, userIds, ctx.cache)).values());
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
