import { indexAccounts, matchAccount } from '../../../core/match';
import type { JiraUser } from '../../../core/model';
import type { UserInput } from '../../../core/plan';
import { decideScope } from '../../../core/scope';
import type { StepContext } from '../../run/context';
import { RUN_DATA } from '../../run/run-data';

type ScopeRules = Parameters<typeof decideScope>[1];

/** What an incremental plan is built from; the drift slice widens it to whole groups. */
export interface PlanSides {
  users: Map<string, UserInput>;
  newLinks: Map<string, string>;
  entraMembers: Map<string, string[]>;
  jiraMembers: Map<string, JiraUser[]>;
}

/** The Entra users of the drift slice's chosen groups (whose links the plan loads). */
export async function driftUserIds(ctx: StepContext): Promise<string[]> {
  const ids: string[] = [];
  await RUN_DATA.driftUsers.forEach(ctx, (chunk) => ids.push(...chunk.map((u) => u.id)));
  return ids;
}

/**
 * Widens an incremental plan to the drift slice: the re-read groups' whole Jira membership, their
 * chosen groups' whole Entra membership and every user in those. Changed users keep their entries
 * (their lookups are fresher). Returns the Jira group IDs the plan now sees whole.
 */
export async function addDriftSlice(
  ctx: StepContext,
  rules: ScopeRules,
  links: ReadonlyMap<string, string>,
  sides: PlanSides,
): Promise<Set<string>> {
  const drift = ctx.run.cursor.drift;
  if (!drift) return new Set();
  const failed = new Set(drift.failed);
  const hidden = new Map((await RUN_DATA.driftEmails.read(ctx)).map((e) => [e.accountId, e.email]));
  const whole = new Map<string, JiraUser[]>();
  await RUN_DATA.driftMembers.forEach(ctx, (chunk) => {
    for (const page of chunk) {
      if (failed.has(page.groupId)) continue;
      const list = whole.get(page.groupId) ?? [];
      for (const m of page.members)
        list.push(m.emailAddress ? m : { ...m, emailAddress: hidden.get(m.accountId) ?? null });
      whole.set(page.groupId, list);
    }
  });
  for (const groupId of drift.groupIds)
    if (!failed.has(groupId)) sides.jiraMembers.set(groupId, whole.get(groupId) ?? []);
  // A group's users come in slices; together they replace what the changed users alone gave.
  const roots = new Map<string, string[]>();
  for (const root of await RUN_DATA.driftRoots.read(ctx))
    roots.set(root.rootId, [...(roots.get(root.rootId) ?? []), ...root.userIds]);
  for (const [rootId, userIds] of roots) sides.entraMembers.set(rootId, userIds);

  const members = indexAccounts([...whole.values()].flat());
  await RUN_DATA.driftUsers.forEach(ctx, (chunk) => {
    for (const user of chunk) {
      const known = sides.users.get(user.id);
      if (known) {
        matchUnfound(known, members, sides.newLinks);
        continue;
      }
      const scope = decideScope(user, rules);
      const input: UserInput = { entraId: user.id, displayName: user.displayName, scope };
      const linked = links.get(user.id);
      if (scope.inScope && linked) {
        // A linked account the slice did not see is taken as the link says, as changed users' are.
        const account = members.byAccountId.get(linked) ?? {
          accountId: linked,
          emailAddress: scope.identifier,
          displayName: user.displayName,
          active: true,
          accountType: 'atlassian',
        };
        input.match = matchAccount(scope.identifier, linked, indexAccounts([account]));
      } else if (scope.inScope) {
        // Searched earlier this cycle without an account found (searched-unfound.ts): the slice's read may show one now.
        input.match = matchAccount(scope.identifier, undefined, members);
        if (input.match.kind === 'matched') sides.newLinks.set(user.id, input.match.accountId);
      }
      sides.users.set(user.id, input);
    }
  });
  return new Set([...whole.keys()]);
}

/** A changed or unlinked user the lookups did not find may hold an account in a re-read group (its hidden email read in bulk). */
function matchUnfound(
  input: UserInput,
  members: ReturnType<typeof indexAccounts>,
  newLinks: Map<string, string>,
): void {
  if (!input.scope.inScope || input.match?.kind !== 'not-in-jira') return;
  const match = matchAccount(input.scope.identifier, undefined, members);
  if (match.kind === 'not-in-jira') return;
  input.match = match;
  if (match.kind === 'matched') newLinks.set(input.entraId, match.accountId);
}
