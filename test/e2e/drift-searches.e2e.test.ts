import type { RunDetail, RunSummary } from '../../src/shared/resolver-contract';
import type { Rig } from '../helpers';
import { callAsAdmin, DEMO_ADMIN, demoScenario, inviteByHand, nextHourlyRun, startRig } from '../helpers';

const HEIDI = { id: '00000000-0000-4000-8000-000000000008', email: 'heidi@contoso.com', name: 'Heidi Hill' };
const SALES = '10000000-0000-4000-8000-000000000005';

/** Jira user searches the app sent for this query (by email or display name), answered or not. */
function searchesFor(h: Rig, query: string): number {
  return h.requests.filter(
    (r) =>
      r.service === 'jira' &&
      new URL(r.url).pathname === '/rest/api/3/user/search' &&
      new URL(r.url).searchParams.get('query') === query,
  ).length;
}

/**
 * Heidi has no Jira account and is in both managed groups (Engineering through its tree, and Sales),
 * which a daily cycle reads in two different runs.
 */
async function heidiInBothGroups(): Promise<Rig> {
  const scenario = demoScenario();
  scenario.settings.driftRepair = { cycle: 'daily' };
  scenario.entra.groups.find((g) => g.id === SALES)!.members.push(HEIDI.id);
  scenario.jira.orgAdmins = [DEMO_ADMIN];
  scenario.jira.apiTokens = [{ email: 'admin@contoso.com', token: 'org-admin-token' }];
  const h = await startRig(scenario);
  await callAsAdmin<RunSummary>(h, 'syncNow');
  await h.drain();
  return h;
}

async function dayOfRuns(h: Rig): Promise<RunDetail[]> {
  const runs: RunDetail[] = [];
  for (let hour = 1; hour <= 24; hour++) runs.push(await nextHourlyRun(h));
  return runs;
}

describe('drift repair searches an unlinked user once a cycle', () => {
  let h: Rig;
  afterEach(() => h.close());

  it('not in every run whose slice holds one of their groups; the next cycle searches again and matches an account that appeared', async () => {
    h = await heidiInBothGroups();
    const cycle = await dayOfRuns(h);
    const slices = cycle.filter((r) => (r.driftRepair?.groups ?? 0) > 0);
    expect(slices).toHaveLength(2);
    expect(cycle.every((r) => r.status === 'succeeded')).toBe(true);
    expect(searchesFor(h, HEIDI.email)).toBe(1);
    expect(searchesFor(h, HEIDI.name)).toBe(1);
    // The run that did not search says what this cycle's search found: no account.
    for (const run of slices) expect(run.users.find((u) => u.entraId === HEIDI.id)?.outcome).toBe('not-in-jira');

    const accountId = await inviteByHand(h, HEIDI.email);
    const next = await dayOfRuns(h);
    expect(next.every((r) => r.status === 'succeeded')).toBe(true);
    expect(searchesFor(h, HEIDI.email)).toBe(2);
    const groups = h.jira.groups().filter((g) => g.members.includes(accountId));
    expect(groups.map((g) => g.name).sort()).toEqual(['entra-Engineering', 'sales-team']);
  });

  it('a search that fails is not taken as "no account": the run fails and the next one searches again', async () => {
    h = await heidiInBothGroups();
    h.jira.faults.add({ service: 'jira', path: '/rest/api/3/user/search', method: 'GET', status: 400, times: 1 });
    const cycle = await dayOfRuns(h);
    expect(cycle.filter((r) => r.status === 'failed')).toHaveLength(1);
    // The failed search, the one that completed; the other group's run trusts the completed one.
    expect(searchesFor(h, HEIDI.email)).toBe(2);
    expect(cycle.filter((r) => (r.driftRepair?.groups ?? 0) > 0 && r.status === 'succeeded')).toHaveLength(2);
  });
});
