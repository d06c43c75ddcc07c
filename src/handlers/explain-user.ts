import type { UserOutcome } from '../core/plan';
import type { GroupTarget } from '../core/target-groups';
import type { EngineDeps, PlannedOperation, RunRecord } from '../engine';
import { changeRow, loadRun, RUN_DATA, runIds } from '../engine';
import type { EntraDirectory, EntraDirectoryExtras } from '../ports/entra-directory';
import type { ExplainGroup, UserExplanation } from '../shared/resolver-contract';
import { TARGET_STATE_TEXT } from '../shared/target-states';

/** The newest run that got as far as planning: its records answer "why". */
async function latestPlannedRun(deps: Pick<EngineDeps, 'kv'>): Promise<RunRecord | undefined> {
  for (const id of await runIds(deps.kv)) {
    const run = await loadRun(deps.kv, id);
    if (run && RUN_DATA.userOutcomes.exists(run)) return run;
  }
  return undefined;
}

function matches(user: UserOutcome, query: string): boolean {
  const q = query.toLowerCase();
  return (
    user.entraId.toLowerCase() === q ||
    (user.identifier ?? '').includes(q) ||
    user.displayName.toLowerCase().includes(q)
  );
}

type Entra = (EntraDirectory & EntraDirectoryExtras) | null;
type RunContext = { deps: EngineDeps; run: RunRecord };
type Step = UserExplanation['steps'][number];

/** Outcomes that mean the user is outside the sync's scope. */
const OUT_OF_SCOPE = ['out-of-scope', 'disabled', 'guest-excluded', 'domain-excluded', 'no-identifier'];

/**
 * "Why is X (not) in Y?", step by step, from the latest planned run's records: in scope or not and
 * why, the matched account, each chosen Entra group the user is in (with the nesting path when
 * Graph can tell it), the Jira group it maps to, and the planned or applied changes.
 */
export async function explainUser(
  deps: Pick<EngineDeps, 'kv'>,
  query: string,
  entraId: string | undefined,
  entra: Entra,
): Promise<UserExplanation> {
  const run = await latestPlannedRun(deps);
  const answer: UserExplanation = {
    query,
    candidates: [],
    user: null,
    steps: [],
    groups: [],
    runId: run?.summary.id ?? null,
    ...(run ? { run: { mode: run.summary.mode, status: run.summary.status } } : {}),
  };
  if (!run) {
    answer.steps.push({
      kind: 'run',
      ok: false,
      title: 'No run to explain from',
      detail: 'Run a preview or a sync first; the explanation comes from its records.',
    });
    return answer;
  }
  const ctx: RunContext = { deps: deps as EngineDeps, run };
  const outcomes = await RUN_DATA.userOutcomes.read(ctx);
  const found = entraId
    ? outcomes.filter((u) => u.entraId === entraId)
    : outcomes.filter((u) => matches(u, query.trim()));
  const user = found[0];
  if (found.length > 1) return withCandidates(answer, found);
  if (!user) return explainAbsent(answer, query, entra);
  answer.user = {
    entraId: user.entraId,
    displayName: user.displayName,
    identifier: user.identifier,
    outcome: user.outcome,
    reason: user.reason,
    accountId: user.accountId,
  };
  const inScope = !OUT_OF_SCOPE.includes(user.outcome);
  answer.steps.push(...userSteps(user, inScope));
  const targets = await targetsOf(ctx, user);
  const operations = await operationsFor(ctx, user);
  for (const target of targets) {
    const group = await explainGroup(target, user, operations, entra);
    answer.groups.push(group);
    answer.steps.push(groupStep(target, group));
  }
  answer.steps.push(...changeSteps(operations, run, user, inScope));
  return answer;
}

function withCandidates(answer: UserExplanation, found: UserOutcome[]): UserExplanation {
  answer.candidates = found
    .slice(0, 25)
    .map((u) => ({ entraId: u.entraId, displayName: u.displayName, identifier: u.identifier }));
  answer.steps.push({
    kind: 'search',
    ok: true,
    title: `${found.length} users match`,
    detail: 'Choose one to see why.',
  });
  return answer;
}

/** Found in Entra, in scope or not, and (in scope) matched to an account or not. */
function userSteps(user: UserOutcome, inScope: boolean): Step[] {
  const steps: Step[] = [
    {
      kind: 'entra-user',
      ok: true,
      title: `Found in Entra: ${user.displayName}`,
      detail: `Object ID ${user.entraId}; identifier ${user.identifier ?? 'none'}.`,
    },
    {
      kind: 'scope',
      ok: inScope,
      title: inScope ? 'In scope' : `Not in scope (${user.outcome})`,
      detail: inScope ? 'A member of a chosen group, enabled, and allowed by the domain and guest rules.' : user.reason,
    },
  ];
  if (!inScope) return steps;
  const matched = user.accountId !== null;
  steps.push({
    kind: 'match',
    ok: matched,
    title: matched ? `Matched to Jira account ${user.accountId}` : `Not matched (${user.outcome})`,
    detail: matched ? `By the stored link or the email ${user.identifier}.` : user.reason,
  });
  return steps;
}

/** The run's targets whose Entra group has the user among its (transitive) members. */
async function targetsOf(ctx: RunContext, user: UserOutcome): Promise<GroupTarget[]> {
  const targets = await RUN_DATA.targets.read(ctx);
  const memberOf = new Set<string>();
  for (const page of await RUN_DATA.entraMembers.read(ctx))
    if (page.users.some((u) => u.id === user.entraId)) memberOf.add(page.groupId);
  return targets.filter((t) => memberOf.has(t.entraGroupId.toLowerCase()) || memberOf.has(t.entraGroupId));
}

/** The run's changes for the user: by Entra ID, or by the matched account. */
async function operationsFor(ctx: RunContext, user: UserOutcome): Promise<PlannedOperation[]> {
  return (await RUN_DATA.plan.read(ctx)).filter(
    (op) =>
      op.op !== 'createGroup' &&
      (op.entraId === user.entraId ||
        (user.accountId !== null && 'accountId' in op && op.accountId === user.accountId)),
  );
}

async function explainGroup(
  target: GroupTarget,
  user: UserOutcome,
  operations: PlannedOperation[],
  entra: Entra,
): Promise<ExplainGroup> {
  const path = entra?.membershipPath
    ? ((await entra.membershipPath(target.entraGroupId, user.entraId).catch(() => null)) ?? []).map(
        (g) => g.displayName,
      )
    : [];
  return {
    jiraGroup: target.jiraGroup,
    entraGroup: target.entraGroupName,
    path: path.length ? path : [target.entraGroupName],
    state: target.state,
    planned: operations.filter((op) => op.group === target.jiraGroup).map(changeRow),
  };
}

function groupStep(target: GroupTarget, group: ExplainGroup): Step {
  return {
    kind: 'group',
    ok: target.state === 'managed' || target.state === 'create',
    title: `${group.path.join(' › ')} → Jira group ${target.jiraGroup}`,
    detail: `${group.path.length > 1 ? 'Member through nesting. ' : ''}The Jira group is ${TARGET_STATE_TEXT[target.state]?.detail ?? target.state}.`,
  };
}

/** Each change and how it went, or "no change needed" for a matched user the run leaves as is. */
function changeSteps(operations: PlannedOperation[], run: RunRecord, user: UserOutcome, inScope: boolean): Step[] {
  const steps = operations.map(
    (op): Step => ({
      kind: 'change',
      ok: op.result !== 'failed',
      title: `${op.op === 'addMember' ? 'Add to' : op.op === 'createUser' ? 'Create the Atlassian account' : 'Remove from'} ${op.group}: ${op.result}`,
      detail: op.error
        ? `${op.error.code}: ${op.error.message}`
        : run.summary.mode === 'preview'
          ? 'Planned in a preview.'
          : `In run ${run.summary.id}.`,
    }),
  );
  if (operations.length === 0 && inScope && user.accountId)
    steps.push({ kind: 'change', ok: true, title: 'No change needed', detail: user.reason });
  return steps;
}

async function explainAbsent(answer: UserExplanation, query: string, entra: Entra): Promise<UserExplanation> {
  const live = entra?.findUsers && query.trim().length >= 2 ? await entra.findUsers(query.trim(), 5) : [];
  const first = live[0];
  if (live.length > 1)
    answer.candidates = live.map((u) => ({
      entraId: u.id,
      displayName: u.displayName,
      identifier: u.mail ?? u.userPrincipalName,
    }));
  if (live.length === 1 && first) {
    answer.user = {
      entraId: first.id,
      displayName: first.displayName,
      identifier: first.mail ?? first.userPrincipalName,
      outcome: 'out-of-scope',
      reason: 'Not a member, directly or through nesting, of any chosen Entra group.',
      accountId: null,
    };
    answer.steps.push({
      kind: 'entra-user',
      ok: true,
      title: `Found in Entra: ${first.displayName}`,
      detail: `Object ID ${first.id}.`,
    });
    answer.steps.push({
      kind: 'scope',
      ok: false,
      title: 'Not in scope (out-of-scope)',
      detail:
        'The user is in none of the chosen groups, so the sync does not read them. Add them to a chosen group, or choose one of their groups.',
    });
    return answer;
  }
  if (live.length === 0)
    answer.steps.push({
      kind: 'search',
      ok: false,
      title: 'No such user in the last run',
      detail: `No user matching "${query.slice(0, 100)}" was seen in the chosen groups${entra?.findUsers ? ' or found in Entra' : ''}.`,
    });
  return answer;
}
