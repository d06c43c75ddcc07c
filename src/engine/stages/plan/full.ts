import { indexAccounts, matchAccount } from '../../../core/match';
import type { EntraUser, JiraUser } from '../../../core/model';
import type { UserInput } from '../../../core/plan';
import { decideScope } from '../../../core/scope';
import type { StepContext } from '../../run/context';
import { RUN_DATA } from '../../run/run-data';
import { loadLinks } from '../../state/links';
import type { Stage } from '../stage';
import type { Gathered, ScopeRules } from './plan';
import { planFrom, scopeRules, startPlan } from './plan';

type AccountIndex = ReturnType<typeof indexAccounts>;

/** Plans a full run from every user read from Entra, every account and every member of the managed groups. */
export const planFull: Stage = {
  start: startPlan,
  unit: async (ctx) => planFrom(ctx, await gatherFull(ctx)),
};

async function gatherFull(ctx: StepContext): Promise<Gathered> {
  const links = await loadLinks(ctx.deps.kv);
  const { entraUsers, entraMembers } = await readEntraSide(ctx);
  const hiddenEmails = new Map((await RUN_DATA.jiraEmails.read(ctx)).map((e) => [e.accountId, e.email]));
  const index = await readAccounts(ctx, hiddenEmails);
  const { users, newLinks } = matchUsers(entraUsers.values(), scopeRules(ctx.run.settings), links, index);
  const jiraMembers = await readJiraMembers(ctx, index, hiddenEmails);
  const targets = await RUN_DATA.targets.read(ctx);
  return { users, newLinks, entraMembers, jiraMembers, links, managedMemberships: null, wholeGroups: 'all', targets };
}

/** Chunk by chunk: only unique users and membership IDs stay in memory, never every page at once. */
async function readEntraSide(
  ctx: StepContext,
): Promise<{ entraUsers: Map<string, EntraUser>; entraMembers: Map<string, string[]> }> {
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
  return { entraUsers, entraMembers };
}

/** Every Jira account, with the emails profile privacy hides filled in. */
async function readAccounts(ctx: StepContext, hiddenEmails: ReadonlyMap<string, string>): Promise<AccountIndex> {
  const jiraUsers: JiraUser[] = [];
  await RUN_DATA.jiraUsers.forEach(ctx, (chunk) => {
    for (const u of chunk)
      jiraUsers.push(u.emailAddress ? u : { ...u, emailAddress: hiddenEmails.get(u.accountId) ?? null });
  });
  return indexAccounts(jiraUsers);
}

/** Each Entra user's scope and, in scope, its account (the stored link first). */
function matchUsers(
  entraUsers: Iterable<EntraUser>,
  rules: ScopeRules,
  links: ReadonlyMap<string, string>,
  index: AccountIndex,
): Pick<Gathered, 'users' | 'newLinks'> {
  const users = new Map<string, UserInput>();
  const newLinks = new Map<string, string>();
  for (const user of entraUsers) {
    const scope = decideScope(user, rules);
    const input: UserInput = { entraId: user.id, displayName: user.displayName, scope };
    if (scope.inScope) {
      input.match = matchAccount(scope.identifier, links.get(user.id), index);
      if (input.match.kind === 'matched') newLinks.set(user.id, input.match.accountId);
    }
    users.set(user.id, input);
  }
  return { users, newLinks };
}

/** Every managed group's members as accounts (one Jira no longer lists is inactive, never matched). */
async function readJiraMembers(
  ctx: StepContext,
  index: AccountIndex,
  hiddenEmails: ReadonlyMap<string, string>,
): Promise<Map<string, JiraUser[]>> {
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
  return jiraMembers;
}
