import type { RunDetail, RunSummary, StatusView } from '../../src/shared/resolver-contract';
import type { Rig } from '../helpers';
import { callAsAdmin, DEMO_ADMIN, demoScenario, inviteByHand, startRig } from '../helpers';

const HOUR = 3_600_000;
const call = callAsAdmin;

/** Jira points the simulator charged to the app's pool (the app and impersonated users; API tokens are exempt). */
function chargedPoints(h: Rig): number {
  const by = h.jira.pointsByIdentity();
  return by.app + by.impersonatedUser;
}

/** Sync now, drained; the run's record and the points the simulator charged while it ran. */
async function fullRun(h: Rig): Promise<{ run: RunDetail; charged: number }> {
  const started = await call<RunSummary>(h, 'syncNow');
  const before = chargedPoints(h);
  await h.drain();
  const charged = chargedPoints(h) - before;
  return { run: await call<RunDetail>(h, 'getRun', { runId: started.id }), charged };
}

/** One hour later the schedule starts its run; drained, with the points charged while it ran. */
async function scheduledRun(h: Rig): Promise<{ run: RunDetail; charged: number }> {
  h.clock.advance(HOUR);
  expect(await h.app.onScheduledTick()).toBe('started');
  const before = chargedPoints(h);
  await h.drain();
  const charged = chargedPoints(h) - before;
  const id = (await call<RunSummary[]>(h, 'listRuns'))[0]!.id;
  return { run: await call<RunDetail>(h, 'getRun', { runId: id }), charged };
}

/** An admin removes a member in Jira by hand (as a site admin, straight to the site). */
async function removeByHand(h: Rig, groupId: string, accountId: string): Promise<void> {
  const response = await fetch(`${h.jira.url}/rest/api/3/group/user?groupId=${groupId}&accountId=${accountId}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer forge-user:${DEMO_ADMIN}` },
  });
  expect(response.status).toBe(200);
}

/** An admin adds a member in Jira by hand. */
async function addByHand(h: Rig, groupId: string, accountId: string): Promise<void> {
  const response = await fetch(`${h.jira.url}/rest/api/3/group/user?groupId=${groupId}`, {
    method: 'POST',
    headers: { authorization: `Bearer forge-user:${DEMO_ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ accountId }),
  });
  expect(response.status).toBe(201);
}

/** Active human accounts in no managed group: strangers to the synced groups. */
function strangers(h: Rig): string[] {
  const managed = new Set(
    h.jira
      .groups()
      .filter((g) => g.name === 'sales-team' || g.name === 'entra-Engineering')
      .flatMap((g) => g.members),
  );
  return h.jira
    .users()
    .filter((u) => u.active && u.accountType === 'atlassian' && u.accountId !== DEMO_ADMIN && !managed.has(u.accountId))
    .map((u) => u.accountId);
}

const engineering = (h: Rig) => h.jira.groups().find((g) => g.name === 'entra-Engineering')!;

async function withDailyCycle(): Promise<Rig> {
  const scenario = demoScenario();
  scenario.settings.driftRepair = { cycle: 'daily' };
  return startRig(scenario);
}

describe('drift repair spread across scheduled runs', () => {
  let h: Rig;
  afterEach(() => h.close());

  it('a membership removed by hand in Jira is restored within the cycle by incremental runs, each managed group read once', async () => {
    h = await withDailyCycle();
    expect((await fullRun(h)).run.status).toBe('succeeded');
    const group = engineering(h);
    const victim = group.members[0]!;
    await removeByHand(h, group.groupId, victim);

    // Group i of 2 is read again (i+1)/2 of a day after the full run: both by the run 25 hours later.
    const runs: RunDetail[] = [];
    for (let hour = 1; hour <= 25; hour++) runs.push((await scheduledRun(h)).run);
    expect(runs.map((r) => `${r.kind} ${r.status}`)).toEqual(new Array(25).fill('incremental succeeded'));
    expect(engineering(h).members).toContain(victim);
    const repair = runs.find((r) => r.changes.length > 0)!;
    expect(repair.changes.map(({ op, group: g, result }) => `${op} ${g} ${result}`)).toEqual([
      'addMember entra-Engineering applied',
    ]);
    // Every managed group (entra-Engineering and sales-team) was re-read exactly once in the day; the other runs read none.
    const reads = runs.map((r) => r.driftRepair?.groups ?? 0);
    expect(reads.reduce((a, b) => a + b, 0)).toBe(2);
    expect(runs.filter((r) => (r.driftRepair?.groups ?? 0) > 0).every((r) => r.driftRepair?.of === 2)).toBe(true);
    // A run with no group due and no change in Entra sends nothing to Jira.
    expect(runs.filter((r) => !r.driftRepair).every((r) => r.calls.jira === 0 && r.jiraPoints === 0)).toBe(true);
  });

  it('a run with no group due makes no drift-repair claim; a run with groups due names them and the cycle', async () => {
    h = await withDailyCycle();
    await fullRun(h);
    // A change in Entra: the next run reads Jira for it, with no group due yet an hour after the full run.
    const dan = demoScenario().entra.users.find((u) => u.mail?.startsWith('dan'))!;
    h.graph.updateUser(dan.id, { displayName: 'Dan Changed' });
    const quiet = (await scheduledRun(h)).run;
    expect(quiet.kind).toBe('incremental');
    expect(quiet.calls.jira).toBeGreaterThan(0);
    expect(quiet.driftRepair).toBeUndefined();

    const repairs: RunDetail[] = [];
    for (let hour = 2; hour <= 25; hour++) {
      const { run } = await scheduledRun(h);
      if (run.driftRepair) repairs.push(run);
    }
    const names = repairs.flatMap((r) => r.driftRepair!.read ?? []);
    expect(names.sort()).toEqual(['entra-Engineering', 'sales-team']);
    expect(repairs.map((r) => r.driftRepair!.cycleRead)).toEqual(repairs.length === 1 ? [2] : [1, 2]);
    for (const run of repairs)
      expect(run.driftRepair).toMatchObject({ of: 2, failed: [], failedCount: 0, due: run.driftRepair!.groups });
  });

  it('a group whose read fails is left as it is, says so, and is repaired once it reads again', async () => {
    h = await withDailyCycle();
    await fullRun(h);
    const group = engineering(h);
    const victim = group.members[0]!;
    await removeByHand(h, group.groupId, victim);
    h.jira.faults.add({ service: 'jira', path: '/rest/api/3/group/member', method: 'GET', status: 404, times: 1_000 });
    const failing: RunDetail[] = [];
    for (let hour = 1; hour <= 25; hour++) failing.push((await scheduledRun(h)).run);
    expect(failing.every((r) => r.status === 'succeeded' && r.changes.length === 0)).toBe(true);
    expect(engineering(h).members).not.toContain(victim);
    expect(
      failing.flatMap((r) => r.warnings).filter((w) => /Drift repair could not read the members/.test(w)),
    ).toHaveLength(2);
    // The record names the groups left alone, and claims no group read.
    const unread = failing.filter((r) => r.driftRepair);
    expect(unread.flatMap((r) => r.driftRepair!.failed).sort()).toEqual(['entra-Engineering', 'sales-team']);
    expect(unread.every((r) => r.driftRepair!.groups === 0 && r.driftRepair!.failedCount === 1)).toBe(true);

    (h.jira.faults as unknown as { state: unknown[] }).state.length = 0;
    for (let hour = 1; hour <= 24 && !engineering(h).members.includes(victim); hour++) await scheduledRun(h);
    expect(engineering(h).members).toContain(victim);
  });

  it('removes an account added by hand, and holds a repair that would empty most of a group for approval', async () => {
    h = await withDailyCycle();
    await fullRun(h);
    const sales = () => h.jira.groups().find((g) => g.name === 'sales-team')!;
    const [one, ...more] = strangers(h);
    expect(more.length).toBeGreaterThanOrEqual(2);
    await addByHand(h, sales().groupId, one!);
    const runs: RunDetail[] = [];
    for (let hour = 1; hour <= 25 && sales().members.includes(one!); hour++) runs.push((await scheduledRun(h)).run);
    expect(sales().members).not.toContain(one);
    expect(runs.flatMap((r) => r.changes).map((c) => `${c.op} ${c.group} ${c.result}`)).toEqual([
      'removeMember sales-team applied',
    ]);

    // Three strangers in a group of two: the repair would remove 60 % of it, over the per-group guard (50 %).
    const three = [one!, ...more.slice(0, 2)];
    for (const accountId of three) await addByHand(h, sales().groupId, accountId);
    let held: RunDetail | undefined;
    for (let hour = 1; hour <= 25 && !held; hour++) {
      const { run } = await scheduledRun(h);
      if (run.status === 'needs-approval') held = run;
    }
    expect(held?.error?.code).toBe('group-removal-guard');
    expect(sales().members).toEqual(expect.arrayContaining(three));
  });

  it('a user with no Jira account is matched by the drift repair of their group once an account appears, with no full run', async () => {
    const scenario = demoScenario();
    scenario.settings.driftRepair = { cycle: 'daily' };
    // An organization admin's API token, for inviting the account by hand (the app itself writes as the site admin).
    scenario.jira.orgAdmins = [DEMO_ADMIN];
    scenario.jira.apiTokens = [{ email: 'admin@contoso.com', token: 'org-admin-token' }];
    h = await startRig(scenario);
    const first = await fullRun(h);
    const missing = first.run.users.find((u) => u.outcome === 'not-in-jira' && u.identifier);
    expect(missing).toBeDefined();
    const email = missing!.identifier as string;
    const accountId = await inviteByHand(h, email);

    const runs: RunDetail[] = [];
    for (let hour = 1; hour <= 25; hour++) runs.push((await scheduledRun(h)).run);
    expect(runs.every((r) => r.kind === 'incremental')).toBe(true);
    const adds = runs.flatMap((r) => r.changes).filter((c) => c.op === 'addMember' && c.email === email);
    expect(adds.length).toBeGreaterThan(0);
    expect(adds.every((c) => c.result === 'applied')).toBe(true);
    expect(h.jira.groups().some((g) => g.members.includes(accountId))).toBe(true);
  });
});

describe('Jira points on the run record', () => {
  let h: Rig;
  afterEach(() => h.close());

  it('match what the Jira simulator charged the app for every run, full and drift repair', async () => {
    h = await withDailyCycle();
    const full = await fullRun(h);
    expect(full.run.jiraPoints).toBeGreaterThan(0);
    expect(full.run.jiraPoints).toBe(full.charged);
    let repaired = 0;
    for (let hour = 1; hour <= 25; hour++) {
      const { run, charged } = await scheduledRun(h);
      expect(run.jiraPoints).toBe(charged);
      if (run.driftRepair) repaired++;
    }
    expect(repaired).toBe(2);
  });

  it('are only the site-address read with the API-token write identity, and the status says the pool, the exemption and the daily cycle', async () => {
    const scenario = demoScenario();
    scenario.settings.writeAs = { mode: 'apiToken', email: 'admin@contoso.com', apiToken: 'ATATT-demo-token' };
    h = await startRig(scenario);
    const full = await fullRun(h);
    expect(full.run.status).toBe('succeeded');
    expect(full.run.jiraPoints).toBe(full.charged);
    const status = await call<StatusView>(h, 'getStatus');
    expect(status.budget).toMatchObject({
      poolPointsPerHour: 65_000,
      exempt: true,
      driftCycle: { setting: 'auto', effective: 'daily' },
    });
    expect(status.budget.day?.driftRepairPoints).toBe(0);
    let drifted = 0;
    for (let hour = 1; hour <= 25; hour++) {
      const tokenBefore = h.jira.pointsByIdentity().apiToken;
      const { run, charged } = await scheduledRun(h);
      expect(run.jiraPoints).toBe(charged);
      // Only the site's address is read as the app (serverInfo, 3 points, once per invocation that writes or reads as the token).
      const tokenPoints = h.jira.pointsByIdentity().apiToken - tokenBefore;
      expect(run.jiraPoints).toBe(tokenPoints > 0 ? 3 : 0);
      if (run.driftRepair) drifted++;
    }
    expect(drifted).toBe(2);
  });

  it('the status estimates a day of the hourly schedule once a full run measured the site', async () => {
    h = await startRig();
    expect((await call<StatusView>(h, 'getStatus')).budget).toEqual({
      poolPointsPerHour: 65_000,
      exempt: false,
      driftCycle: { setting: 'auto', effective: 'weekly' },
      day: null,
    });
    await fullRun(h);
    await scheduledRun(h);
    const day = (await call<StatusView>(h, 'getStatus')).budget.day!;
    expect(day.driftRepairPoints).toBeGreaterThan(0);
    expect(day.totalPoints).toBe(day.incrementalPoints + day.driftRepairPoints);
    expect(day.basis).toMatch(/24 scheduled runs a day/);
  });
});
