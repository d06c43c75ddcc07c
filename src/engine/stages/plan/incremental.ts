import { indexAccounts, matchAccount } from '../../../core/match';
import type { JiraUser } from '../../../core/model';
import type { UserInput } from '../../../core/plan';
import { decideScope } from '../../../core/scope';
import type { StepContext } from '../../run/context';
import { RUN_DATA } from '../../run/run-data';
import { loadLinksOf } from '../../state/links';
import { loadSnapshotMeta } from '../../state/snapshot';
import type { AffectedUser } from '../read-jira/affected';
import type { Stage } from '../stage';
import type { PlanSides } from './drift-slice';
import { addDriftSlice, driftUserIds } from './drift-slice';
import type { Gathered, ScopeRules } from './plan';
import { planFrom, scopeRules, startPlan } from './plan';

/**
 * Plans an incremental run from the users that changed (and the drift slice's groups). Jira
 * memberships are known for their accounts only, so the plan can add and remove exactly those
 * users and nobody else.
 */
export const planIncremental: Stage = {
  start: startPlan,
  unit: async (ctx) => planFrom(ctx, await gatherIncremental(ctx)),
};

async function gatherIncremental(ctx: StepContext): Promise<Gathered> {
  const rules = scopeRules(ctx.run.settings);
  // Entries resolved by display name and the bulk email API replace their first, unfound version.
  const resolved = new Map((await RUN_DATA.affectedResolved.read(ctx)).map((a) => [a.entraId, a]));
  const affected = (await RUN_DATA.affected.read(ctx)).map((a) => resolved.get(a.entraId) ?? a);
  // Only the links of the users this plan sees: their buckets, never every link.
  const links = await loadLinksOf(
    ctx.deps.kv,
    [...affected.map((a) => a.entraId), ...(await driftUserIds(ctx))],
    ctx.cache,
  );
  const sides = changedUsersSides(affected, rules, links);
  const wholeIds = await addDriftSlice(ctx, rules, links, sides);
  const targets = await RUN_DATA.targets.read(ctx);
  const wholeGroups = new Set(
    targets.filter((t) => t.groupId !== null && wholeIds.has(t.groupId)).map((t) => t.jiraGroup),
  );
  const meta = await loadSnapshotMeta(ctx.deps.kv);
  return { ...sides, links, managedMemberships: meta?.managedMemberships ?? null, wholeGroups, targets };
}

/** The changed users' scope and match, their accounts' groups and their chosen groups now. */
function changedUsersSides(
  affected: readonly AffectedUser[],
  rules: ScopeRules,
  links: ReadonlyMap<string, string>,
): PlanSides {
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
  return { users, newLinks, entraMembers, jiraMembers };
}
