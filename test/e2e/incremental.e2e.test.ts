import { RequestTally } from '../../bench/request-tally';
import type { RunDetail, RunSummary } from '../../src/shared/resolver-contract';
import type { Rig } from '../helpers';
import { DEMO_ADMIN, demoScenario, startRig } from '../helpers';

const uid = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const gid = (n: number) => `10000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

/** Graph simulator mutation helpers (delta support). */
interface GraphMutations {
  addUser(user: Record<string, unknown>): void;
  updateUser(id: string, patch: Record<string, unknown>): void;
  deleteUser(id: string): void;
  addMember(groupId: string, memberId: string): void;
  removeMember(groupId: string, memberId: string): void;
  expireDeltaTokens(): void;
}

async function run(h: Rig, kind: 'full' | 'auto'): Promise<RunDetail> {
  const graphBefore = h.graph.graphRequestCount();
  const jiraWritesBefore = h.jira.writeCount();
  // A full run is Sync now; an incremental one is what the hourly schedule starts when it is due.
  let runId: string;
  if (kind === 'full') {
    runId = ((await h.app.resolve('syncNow', {}, { accountId: DEMO_ADMIN })) as { ok: true; data: RunSummary }).data.id;
  } else {
    h.clock.advance(61 * 60_000);
    expect(await h.app.onScheduledTick()).toBe('started');
    runId = ((await h.app.resolve('listRuns', {}, { accountId: DEMO_ADMIN })) as { ok: true; data: RunSummary[] })
      .data[0]!.id;
  }
  await h.drain();
  const detail = (await h.app.resolve('getRun', { runId }, { accountId: DEMO_ADMIN })) as { ok: true; data: RunDetail };
  return {
    ...detail.data,
    calls: {
      ...detail.data.calls,
      graph: h.graph.graphRequestCount() - graphBefore,
      jiraWrites: h.jira.writeCount() - jiraWritesBefore,
    },
  };
}

const groupsByName = (h: Rig) => Object.fromEntries(h.jira.groups().map((g) => [g.name, [...g.members].sort()]));

describe('incremental runs (Graph delta queries)', () => {
  let h: Rig;
  let graph: GraphMutations;
  beforeEach(async () => {
    h = await startRig();
    graph = h.graph as unknown as GraphMutations;
    const first = await run(h, 'full');
    expect(first.status).toBe('succeeded');
  });
  afterEach(() => h.close());

  it('a no-change incremental run costs only the delta calls and makes no Jira writes', async () => {
    const second = await run(h, 'auto');
    expect(second.kind).toBe('incremental');
    expect(second.status).toBe('succeeded');
    expect(second.calls.graph).toBeLessThanOrEqual(5);
    expect(second.calls.jiraWrites).toBe(0);
    expect(second.changes).toEqual([]);
  });

  it('applies only what changed, and ends where a full run would', async () => {
    graph.addMember(gid(3), uid(8)); // Heidi joins Platform (nested twice): still not in Jira
    graph.removeMember(gid(4), uid(5)); // Erin leaves Frontend
    graph.updateUser(uid(2), { accountEnabled: false }); // Bob is disabled
    graph.addMember(gid(5), uid(1)); // Alice joins Sales (mapped to sales-team)
    const incremental = await run(h, 'auto');
    expect(incremental.kind).toBe('incremental');
    expect(incremental.status).toBe('succeeded');
    expect(incremental.changes.map(({ op, group, email }) => `${op} ${group} ${email}`).sort()).toEqual([
      'addMember sales-team alice@contoso.com',
      'removeMember entra-Engineering bob@contoso.com',
      'removeMember entra-Engineering erin@contoso.com',
    ]);
    const afterIncremental = groupsByName(h);
    const full = await run(h, 'full');
    expect(full.changes).toEqual([]);
    expect(groupsByName(h)).toEqual(afterIncremental);
  });

  it('a user deleted in Entra loses the memberships the app manages', async () => {
    graph.deleteUser(uid(3)); // Carol
    const incremental = await run(h, 'auto');
    expect(incremental.kind).toBe('incremental');
    expect(incremental.changes.map(({ op, group, email }) => `${op} ${group} ${email}`)).toEqual([
      'removeMember entra-Engineering carol@contoso.com',
    ]);
  });

  it('falls back to a full read when the delta tokens expired, and says so', async () => {
    graph.expireDeltaTokens();
    graph.removeMember(gid(4), uid(11)); // Kim leaves Frontend
    const next = await run(h, 'auto');
    expect(next.kind).toBe('full');
    expect(next.warnings.join(' ')).toMatch(/Full run/);
    expect(next.changes.map(({ op, email }) => `${op} ${email}`)).toEqual(['removeMember kim@contoso.com']);
  });

  async function addHiddenOlga(jiraDisplayName: string): Promise<void> {
    await h.close();
    const scenario = demoScenario();
    scenario.jira.users.push({
      accountId: '5b10ac8d82e05b22cc7d0077',
      emailAddress: 'olga@contoso.com',
      displayName: jiraDisplayName,
      active: true,
      accountType: 'atlassian',
      emailHidden: true,
    });
    h = await startRig(scenario);
    graph = h.graph as unknown as GraphMutations;
    await run(h, 'full');
    graph.addUser({
      id: uid(77),
      userPrincipalName: 'olga@contoso.com',
      mail: 'olga@contoso.com',
      displayName: 'Olga Ortiz',
      accountEnabled: true,
      userType: 'Member',
    });
    graph.addMember(gid(4), uid(77));
  }

  it('matches a new user whose Jira email is hidden by display name and the bulk email API, without reading every account', async () => {
    await addHiddenOlga('Olga Ortiz');
    const tally = new RequestTally();
    tally.install();
    const incremental = await run(h, 'auto').finally(() => tally.uninstall());
    const jiraCalls = Object.entries(tally.take()).filter(([key]) => key.includes('/rest/api/3/'));
    expect(incremental.kind).toBe('incremental');
    expect(incremental.changes.map(({ op, group, email }) => `${op} ${group} ${email}`)).toEqual([
      'addMember entra-Engineering olga@contoso.com',
    ]);
    expect(h.jira.groups().find((g) => g.name === 'entra-Engineering')?.members).toContain('5b10ac8d82e05b22cc7d0077');
    expect(jiraCalls.map(([key]) => key)).not.toContain('GET /rest/api/3/users/search?startAt');
    expect(jiraCalls.find(([key]) => key === 'GET /rest/api/3/user/email/bulk')?.[1]).toBe(1);
  });

  it('leaves a hidden-email user whose Jira name differs to the next full run, says so, and reads no account list', async () => {
    await addHiddenOlga('O. Ortiz');
    const tally = new RequestTally();
    tally.install();
    const incremental = await run(h, 'auto').finally(() => tally.uninstall());
    expect(incremental.kind).toBe('incremental');
    expect(incremental.changes).toEqual([]);
    expect(incremental.warnings.join(' ')).toMatch(/next full run matches them/);
    expect(Object.keys(tally.take())).not.toContain('GET /rest/api/3/users/search?startAt');
    const full = await run(h, 'full');
    expect(full.changes.map(({ op, group, email }) => `${op} ${group} ${email}`)).toEqual([
      'addMember entra-Engineering olga@contoso.com',
    ]);
  });
});
