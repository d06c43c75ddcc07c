import type { Plan } from '../../../core/plan';
import { planSync } from '../../../core/plan';
import type { decideScope } from '../../../core/scope';
import type { GroupTarget } from '../../../core/target-groups';
import type { Settings } from '../../../settings/schema';
import type { StepContext, UnitResult } from '../../run/context';
import type { PlanCursor } from '../../run/cursor';
import { RUN_DATA } from '../../run/run-data';
import { saveLinks } from '../../state/links';
import type { PlanSides } from './drift-slice';
import type { PlannedOperation } from './planned-operation';
import { approvedOrChecked, removalVerdict } from './verdict';

export type ScopeRules = Parameters<typeof decideScope>[1];

/** What a plan is built from: each kind of run gathers it from its own run data (full.ts, incremental.ts). */
export interface Gathered extends PlanSides {
  /** The stored links the plan read (every link for a full run; the plan's users' for an incremental one). */
  links: Map<string, string>;
  /** Known total of managed memberships when the plan sees only part of them. */
  managedMemberships: number | null;
  /** Jira groups the plan sees every member of, by name. */
  wholeGroups: Set<string> | 'all';
  targets: GroupTarget[];
}

/** The plan stage has no position of its own: it is one unit. */
export function startPlan(): PlanCursor {
  return { phase: 'plan' };
}

export function scopeRules(settings: Settings): ScopeRules {
  return {
    identifier: settings.identifier,
    domains: settings.scope.domains,
    includeGuests: settings.scope.includeGuests,
    includeDisabled: settings.scope.includeDisabled,
  };
}

/** What the plan stage keeps of what was gathered once the plan is made. */
interface Decision {
  plan: Plan;
  /** Links the run learnt that differ from the stored ones (saved by apply runs). */
  linksToSave: Map<string, string>;
  usersInScope: number;
  wholeGroups: Gathered['wholeGroups'];
}

/**
 * Joins what was gathered into the pure planner, stores the plan and per-user outcomes, and
 * applies the circuit-breaker: 'done' goes on to apply; anything else ends the run. Not async on
 * purpose: once the decision is made nothing holds `gathered` (every account and Entra user at
 * 250k), so storing the plan never holds both in one invocation's heap.
 */
export function planFrom(ctx: StepContext, gathered: Gathered): Promise<UnitResult> {
  return storeAndCheck(ctx, decide(ctx, gathered));
}

function decide(ctx: StepContext, gathered: Gathered): Decision {
  const { links, newLinks } = gathered;
  const plan = planOf(ctx, gathered);
  return {
    plan,
    linksToSave:
      ctx.run.summary.mode === 'apply'
        ? new Map([...newLinks].filter(([entraId, accountId]) => links.get(entraId) !== accountId))
        : new Map(),
    usersInScope: plan.users.filter((u) => gathered.users.get(u.entraId)?.scope.inScope).length,
    wholeGroups: gathered.wholeGroups,
  };
}

async function storeAndCheck(ctx: StepContext, decision: Decision): Promise<UnitResult> {
  const { run } = ctx;
  const { plan, wholeGroups: whole } = decision;
  const operations = await storePlan(ctx, decision);
  countChanges(ctx, operations, decision.usersInScope);
  warn(ctx, plan, operations);
  const verdict = await approvedOrChecked(
    ctx,
    operations,
    removalVerdict(plan, run.settings.removals, (group) => whole === 'all' || whole.has(group)),
  );
  if (run.summary.mode === 'preview') {
    if (!verdict.ok) run.summary.warnings.push(verdict.message);
    return { end: 'previewed' };
  }
  if (!verdict.ok) {
    run.summary.error = { code: verdict.code, message: verdict.message };
    return { end: 'needs-approval' };
  }
  return operations.some((o) => o.result === 'planned') ? 'done' : { end: 'succeeded' };
}

function planOf(ctx: StepContext, gathered: Gathered): Plan {
  const { run } = ctx;
  const { settings } = run;
  const entraIdOfAccount = new Map<string, string>();
  for (const links of [gathered.links, gathered.newLinks])
    for (const [entraId, accountId] of links) entraIdOfAccount.set(accountId, entraId);
  const plan = planSync({
    targets: gathered.targets,
    entraMembers: gathered.entraMembers,
    users: gathered.users,
    jiraMembers: gathered.jiraMembers,
    entraIdOfAccount,
    removalsEnabled: settings.removals.enabled,
    createAccounts: settings.users.createMissing && run.actor.mode === 'apiToken',
  });
  // An incremental plan sees only the changed users; the percentage limit is against every managed membership.
  if (gathered.managedMemberships !== null) plan.managedMemberships = gathered.managedMemberships;
  run.managedMembershipsBefore = plan.managedMemberships;
  return plan;
}

/**
 * The new links (apply runs), every user's outcome, then the plan. Each is let go once stored, and
 * the operations take their result in place (a copy of 500k operations was the invocation's peak).
 */
async function storePlan(ctx: StepContext, decision: Decision): Promise<PlannedOperation[]> {
  const { run, deps } = ctx;
  const { plan } = decision;
  await saveLinks(deps.kv, decision.linksToSave, ctx.cache);
  decision.linksToSave.clear();
  await RUN_DATA.userOutcomes.replace(ctx, plan.users);
  run.summary.counts.notInJira = plan.users.filter((u) => u.outcome === 'not-in-jira').length;
  plan.users = [];
  const operations = plan.operations as PlannedOperation[];
  for (const op of operations) op.result = op.op === 'removeMember' && op.skipped ? 'skipped' : 'planned';
  await RUN_DATA.plan.replace(ctx, operations);
  run.planChunks = RUN_DATA.plan.count(run);
  return operations;
}

function countChanges(ctx: StepContext, operations: PlannedOperation[], usersInScope: number): void {
  const counts = ctx.run.summary.counts;
  counts.creates = operations.filter((o) => o.op === 'createGroup' || o.op === 'createUser').length;
  counts.adds = operations.filter((o) => o.op === 'addMember').length;
  counts.removals = operations.filter((o) => o.op === 'removeMember' && !o.skipped).length;
  counts.usersInScope = usersInScope;
}

/** Each target the plan leaves alone and why, then the removals it skips. */
function warn(ctx: StepContext, plan: Plan, operations: PlannedOperation[]): void {
  const warnings = ctx.run.summary.warnings;
  for (const target of plan.targets) {
    if (target.state === 'conflict')
      warnings.push(
        `Jira group "${target.jiraGroup}" already exists and the app does not manage it; map Entra group "${target.entraGroupName}" to it explicitly to adopt it.`,
      );
    if (target.state === 'protected')
      warnings.push(
        `Jira group "${target.jiraGroup}" is a protected group (default access or admin) and is never changed.`,
      );
    if (target.state === 'invalid')
      warnings.push(
        `${target.problem ?? `Jira group "${target.jiraGroup}" has an invalid name.`} Nothing is changed for it.`,
      );
    if (target.state === 'missing')
      warnings.push(`Jira group "${target.jiraGroup}" does not exist and group creation is off.`);
  }
  const skipped = operations.filter((o) => o.result === 'skipped').length;
  if (skipped > 0) warnings.push(`${skipped} removals were skipped because removals are turned off.`);
}
