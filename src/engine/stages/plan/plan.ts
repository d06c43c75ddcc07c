/* eslint-disable max-lines -- to split (issue 16); over 250 lines once formatted */
import { checkGroupGuards, checkRemovalThreshold } from '../../../core/guards';
import type { RemovalLimits } from '../../../core/guards';
import { indexAccounts, matchAccount } from '../../../core/match';
import type { EntraUser, JiraUser } from '../../../core/model';
import type { Plan, UserInput } from '../../../core/plan';
import { planSync } from '../../../core/plan';
import { decideScope } from '../../../core/scope';
import type { PlannedOperation } from './planned-operation';
import type { StepContext } from '../../run/context';
import { RUN_DATA } from '../../run/run-data';
import { loadRun } from '../../run/store';
import type { ThresholdVerdict } from '../../../core/guards';
import { loadLinks, loadLinksOf, saveLinks } from '../../state/links';
import type { PlanSides } from './drift-slice';
import { addDriftSlice, driftUserIds } from './drift-slice';
import { loadSnapshotMeta } from '../../state/snapshot';

/**
 * Joins everything read into the pure planner, stores the plan and per-user outcomes, and applies
 * the circuit-breaker. Returns what the run does next.
 */
// eslint-disable-next-line max-lines-per-function -- to split (issue 16); over 60 lines once formatted
export async function planUnit(ctx: StepContext): Promise<'apply' | 'previewed' | 'needs-approval' | 'nothing-to-do'> {
  const { run, deps } = ctx;
  const settings = run.settings;

  const rules = {
    identifier: settings.identifier,
    domains: settings.scope.domains,
    includeGuests: settings.scope.includeGuests,
    includeDisabled: settings.scope.includeDisabled,
  };
  const gathered =
    run.summary.kind === 'incremental'
      ? await gatherIncremental(ctx, rules)
      : await gatherFull(ctx, rules, await loadLinks(deps.kv));
  const { users, newLinks, entraMembers, jiraMembers, links } = gathered;
  const entraIdOfAccount = new Map<string, string>();
  for (const [entraId, accountId] of [...links, ...newLinks]) entraIdOfAccount.set(accountId, entraId);

  const targets = await RUN_DATA.targets.read(ctx);
  const createAccounts = settings.users.createMissing && run.actor.mode === 'apiToken';
  const plan = planSync({
    targets,
    entraMembers,
    users,
    jiraMembers,
    entraIdOfAccount,
    removalsEnabled: settings.removals.enabled,
    createAccounts,
  });
  // An incremental plan sees only the changed users; the percentage limit is against every managed membership.
  if (gathered.managedMemberships !== null) plan.managedMemberships = gathered.managedMemberships;
  run.managedMembershipsBefore = plan.managedMemberships;

  if (run.summary.mode === 'apply')
    await saveLinks(deps.kv, new Map([...newLinks].filter(([entraId, accountId]) => links.get(entraId) !== accountId)));
  const operations: PlannedOperation[] = plan.operations.map((op) => ({
    ...op,
    result: op.op === 'removeMember' && op.skipped ? 'skipped' : 'planned',
  }));
  await RUN_DATA.plan.replace(ctx, operations);
  run.planChunks = RUN_DATA.plan.count(run);
  await RUN_DATA.userOutcomes.replace(ctx, plan.users);

  const counts = run.summary.counts;
  counts.creates = operations.filter((o) => o.op === 'createGroup' || o.op === 'createUser').length;
  counts.adds = operations.filter((o) => o.op === 'addMember').length;
  counts.removals = operations.filter((o) => o.op === 'removeMember' && !o.skipped).length;
  counts.usersInScope = plan.users.filter((u) => users.get(u.entraId)?.scope.inScope).length;
  counts.notInJira = plan.users.filter((u) => u.outcome === 'not-in-jira').length;
  for (const target of plan.targets) {
    if (target.state === 'conflict')
      run.summary.warnings.push(
        `Jira group "${target.jiraGroup}" already exists and the app does not manage it; map Entra group "${target.entraGroupName}" to it explicitly to adopt it.`,
      );
    if (target.state === 'protected')
      run.summary.warnings.push(
        `Jira group "${target.jiraGroup}" is a protected group (default access or admin) and is never changed.`,
      );
    if (target.state === 'invalid')
      run.summary.warnings.push(
        `${target.problem ?? `Jira group "${target.jiraGroup}" has an invalid name.`} Nothing is changed for it.`,
      );
    if (target.state === 'missing')
      run.summary.warnings.push(`Jira group "${target.jiraGroup}" does not exist and group creation is off.`);
  }
  const skipped = operations.filter((o) => o.result === 'skipped').length;
  if (skipped > 0) run.summary.warnings.push(`${skipped} removals were skipped because removals are turned off.`);

  const whole = gathered.wholeGroups;
  const verdict = await approvedOrChecked(
    ctx,
    operations,
    removalVerdict(plan, settings.removals, (group) => whole === 'all' || whole.has(group)),
  );
  if (run.summary.mode === 'preview') {
    if (!verdict.ok) run.summary.warnings.push(verdict.message);
    return 'previewed';
  }
  if (!verdict.ok) {
    run.summary.error = { code: verdict.code, message: verdict.message };
    return 'needs-approval';
  }
  return operations.some((o) => o.result === 'planned') ? 'apply' : 'nothing-to-do';
}

type Verdict = { ok: true } | (Extract<ThresholdVerdict, { ok: false }> & { code: string });

/**
 * The run-wide breaker, then the per-group guards. An incremental plan sees only the changed
 * users' memberships, so the per-group guards judge the groups a plan sees whole: every group in a
 * full plan, the re-read groups of a drift repair.
 */
function removalVerdict(plan: Plan, limits: RemovalLimits, seenWhole: (jiraGroup: string) => boolean): Verdict {
  const runWide = checkRemovalThreshold(plan, limits);
  if (!runWide.ok) return { ...runWide, code: 'removal-threshold-exceeded' };
  const perGroup = checkGroupGuards(
    plan.groups.filter((g) => seenWhole(g.group)),
    limits,
  );
  return perGroup.ok ? perGroup : { ...perGroup, code: 'group-removal-guard' };
}

/**
 * A run started by approving a held run may pass the circuit-breaker, but only for removals the
 * admin saw: if the source changed and the plan now removes anything else, it is held again.
 */
async function approvedOrChecked(ctx: StepContext, operations: PlannedOperation[], verdict: Verdict): Promise<Verdict> {
  const heldId = ctx.run.summary.approves;
  if (verdict.ok || !heldId) return verdict;
  const held = await loadRun(ctx.deps.kv, heldId);
  const staged = held ? await RUN_DATA.plan.readOf(ctx.deps.kv, heldId, RUN_DATA.plan.count(held)) : [];
  const key = (op: PlannedOperation) => (op.op === 'removeMember' ? `${op.groupId}:${op.accountId}` : '');
  const approved = new Set(staged.filter((op) => op.op === 'removeMember').map(key));
  const unapproved = operations.filter(
    (op) => op.op === 'removeMember' && op.result === 'planned' && !approved.has(key(op)),
  );
  if (unapproved.length === 0) return { ok: true };
  return {
    ...verdict,
    message: `The directory changed since run ${heldId} was approved: ${unapproved.length} removals were not in the approved plan. Review the new plan, then approve or discard it.`,
  };
}

type ScopeRulesOf = Parameters<typeof decideScope>[1];

interface Gathered extends PlanSides {
  /** The stored links the plan read (every link for a full run; the plan's users' for an incremental one). */
  links: Map<string, string>;
  /** Known total of managed memberships when the plan sees only part of them. */
  managedMemberships: number | null;
  /** Jira groups the plan sees every member of, by name. */
  wholeGroups: Set<string> | 'all';
}

/** A full run: every user read from Entra, every account and every member of the managed groups. */
async function gatherFull(ctx: StepContext, rules: ScopeRulesOf, links: Map<string, string>): Promise<Gathered> {
  // Chunk by chunk: only unique users and membership IDs stay in memory, never every page at once.
  const entraUsers = new Map<string, EntraUser>();
  const entraMembers = new Map<string, string[]>();
  await RUN_DATA.entraUsers.forEach(ctx, (chunk) => {
    for (const user of chunk) entraUsers.set(user.id, user);
  });
  await RUN_DATA.entraMembers.forEach(ctx, (chunk) => {
    for (const page of chunk) {
      const list = entraMembers.get(page.groupId) ?? [];
      for (const user of page.users) {
        if (!entraUsers.has(user.id)) entraUsers.set(user.id, user);
        list.push(user.id);
      }
      entraMembers.set(page.groupId, list);
    }
  });
  const hiddenEmails = new Map((await RUN_DATA.jiraEmails.read(ctx)).map((e) => [e.accountId, e.email]));
  const jiraUsers: JiraUser[] = [];
  await RUN_DATA.jiraUsers.forEach(ctx, (chunk) => {
    for (const u of chunk)
      jiraUsers.push(u.emailAddress ? u : { ...u, emailAddress: hiddenEmails.get(u.accountId) ?? null });
  });
  const index = indexAccounts(jiraUsers);

  const users = new Map<string, UserInput>();
  const newLinks = new Map<string, string>();
  for (const user of entraUsers.values()) {
    const scope = decideScope(user, rules);
    const input: UserInput = { entraId: user.id, displayName: user.displayName, scope };
    if (scope.inScope) {
      input.match = matchAccount(scope.identifier, links.get(user.id), index);
      if (input.match.kind === 'matched') newLinks.set(user.id, input.match.accountId);
    }
    users.set(user.id, input);
  }

  const jiraMembers = new Map<string, JiraUser[]>();
  await RUN_DATA.jiraMembers.forEach(ctx, (chunk) => {
    for (const page of chunk) {
      const list = jiraMembers.get(page.groupId) ?? [];
      for (const accountId of page.accountIds) {
        list.push(
          index.byAccountId.get(accountId) ?? {
            accountId,
            emailAddress: hiddenEmails.get(accountId) ?? null,
            displayName: accountId,
            active: false,
            accountType: 'unknown',
          },
        );
      }
      jiraMembers.set(page.groupId, list);
    }
  });
  return { users, newLinks, entraMembers, jiraMembers, links, managedMemberships: null, wholeGroups: 'all' };
}

/**
 * An incremental run: only the users that changed. Jira memberships are known for their accounts
 * only, so the plan can add and remove exactly those users and nobody else.
 */
async function gatherIncremental(ctx: StepContext, rules: ScopeRulesOf): Promise<Gathered> {
  // Entries resolved by display name and the bulk email API replace their first, unfound version.
  const resolved = new Map((await RUN_DATA.affectedResolved.read(ctx)).map((a) => [a.entraId, a]));
  const affected = (await RUN_DATA.affected.read(ctx)).map((a) => resolved.get(a.entraId) ?? a);
  // Only the links of the users this plan sees: their buckets, never every link.
  const links = await loadLinksOf(ctx.deps.kv, [...affected.map((a) => a.entraId), ...(await driftUserIds(ctx))]);
  const users = new Map<string, UserInput>();
  const newLinks = new Map<string, string>();
  const entraMembers = new Map<string, string[]>();
  const jiraMembers = new Map<string, JiraUser[]>();
  for (const entry of affected) {
    const index = indexAccounts(entry.accounts);
    for (const account of entry.accounts) {
      for (const groupId of entry.groupIdsByAccount[account.accountId] ?? [])
        jiraMembers.set(groupId, [...(jiraMembers.get(groupId) ?? []), account]);
    }
    if (!entry.user) continue;
    const scope = decideScope(entry.user, rules);
    const input: UserInput = { entraId: entry.entraId, displayName: entry.user.displayName, scope };
    if (scope.inScope) {
      input.match = matchAccount(scope.identifier, links.get(entry.entraId), index);
      if (input.match.kind === 'matched') newLinks.set(entry.entraId, input.match.accountId);
    }
    users.set(entry.entraId, input);
    for (const root of entry.roots) entraMembers.set(root, [...(entraMembers.get(root) ?? []), entry.entraId]);
  }
  const sides = { users, newLinks, entraMembers, jiraMembers };
  const wholeIds = await addDriftSlice(ctx, rules, links, sides);
  const targets = await RUN_DATA.targets.read(ctx);
  const wholeGroups = new Set(
    targets.filter((t) => t.groupId !== null && wholeIds.has(t.groupId)).map((t) => t.jiraGroup),
  );
  const meta = await loadSnapshotMeta(ctx.deps.kv);
  return { ...sides, links, managedMemberships: meta?.managedMemberships ?? null, wholeGroups };
}
