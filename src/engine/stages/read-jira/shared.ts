import { isMatchable } from '../../../core/match';
import type { GroupTarget } from '../../../core/target-groups';
import { resolveTargets, targetNameFor } from '../../../core/target-groups';
import type { StepContext } from '../../run/context';
import type { ReadJiraFullCursor } from '../../run/cursor';
import { RUN_DATA } from '../../run/run-data';
import { loadRegistry, ownedNames } from '../../state/registry';

export type { HiddenEmail, JiraMemberPage } from './pages';

// The email bulk API's maximum is undocumented; 100 IDs keeps the URL well under common limits.
const EMAIL_BATCH = 100;

/** The target group of each synced Entra group, stored for the run (both kinds of run start with it). */
export async function resolveTargetGroups(ctx: StepContext): Promise<GroupTarget[]> {
  const { run, jira, deps } = ctx;
  const groups = await RUN_DATA.entraGroups.read(ctx);
  const registry = await loadRegistry(deps.kv);
  const owned = ownedNames(registry);
  const names = groups
    .map((g) => targetNameFor(g, run.settings.groups, owned))
    .filter((t) => !t.problem)
    .map((t) => t.name);
  const existing = await jira.groupsByName([...new Set(names)]);
  const targets = resolveTargets(groups, run.settings.groups, existing, new Set(Object.keys(registry)), owned);
  await RUN_DATA.targets.replace(ctx, targets);
  return targets;
}

/**
 * One unit of reading every Jira account (1000 a page), then the emails profile privacy hides;
 * the cursor moves on to the managed groups' members once both are stored.
 */
export async function readAccountsUnit(ctx: StepContext, cursor: ReadJiraFullCursor): Promise<void> {
  const { jira } = ctx;
  if (cursor.task === 'accounts') {
    const page = await jira.usersPage(cursor.accountsStartAt);
    await RUN_DATA.jiraUsers.append(ctx, page.users);
    if (page.next === null) cursor.task = 'hidden-emails';
    else cursor.accountsStartAt = page.next;
    return;
  }
  const users = await RUN_DATA.jiraUsers.read(ctx);
  const hidden = users.filter((u) => isMatchable(u) && !u.emailAddress).map((u) => u.accountId);
  for (let i = 0; i < hidden.length; i += EMAIL_BATCH) {
    const emails = await jira.emailsOf(hidden.slice(i, i + EMAIL_BATCH));
    await RUN_DATA.jiraEmails.append(
      ctx,
      [...emails].map(([accountId, email]) => ({ accountId, email })),
    );
  }
  cursor.task = 'members';
}
