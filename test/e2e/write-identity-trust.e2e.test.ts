import { STORAGE_KEYS } from '../../src/engine';
import type { RunDetail, RunSummary } from '../../src/shared/resolver-contract';
import type { Rig } from '../helpers';
import { callAsAdmin, DEMO_ADMIN, demoScenario, nextHourlyRun, startRig } from '../helpers';

const HOUR = 3_600_000;

/** The write identity's health checks the app sent (GET /user of the account, then its groups). */
function identityChecks(h: Rig): number {
  return h.requests.filter((r) => r.method === 'GET' && new URL(r.url).pathname === '/rest/api/3/user').length;
}

/** As the site admin, straight to the site: removes an account from a group by name. */
async function removeByHand(h: Rig, groupName: string, accountId: string): Promise<void> {
  const group = h.jira.groups().find((g) => g.name === groupName)!;
  const response = await fetch(`${h.jira.url}/rest/api/3/group/user?groupId=${group.groupId}&accountId=${accountId}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer forge-user:${DEMO_ADMIN}` },
  });
  expect(response.status).toBe(200);
}

/** A daily drift cycle after a full run; one member of each managed group removed by hand. */
async function driftedSite(): Promise<Rig> {
  const scenario = demoScenario();
  scenario.settings.driftRepair = { cycle: 'daily' };
  const h = await startRig(scenario);
  await callAsAdmin<RunSummary>(h, 'syncNow');
  await h.drain();
  for (const name of ['entra-Engineering', 'sales-team'])
    await removeByHand(h, name, h.jira.groups().find((g) => g.name === name)!.members[0]!);
  return h;
}

describe('the write identity is asked once a day, and again as soon as Jira refuses a write', () => {
  let h: Rig;
  afterEach(() => h.close());

  it('runs that repair within a day of a healthy check write without asking again', async () => {
    h = await driftedSite();
    const runs: Array<{ run: RunDetail; checks: number }> = [];
    for (let hour = 1; hour <= 24; hour++) {
      const before = identityChecks(h);
      const run = await nextHourlyRun(h);
      runs.push({ run, checks: identityChecks(h) - before });
    }
    const writing = runs.filter(({ run }) => run.changes.length > 0);
    expect(writing.map(({ run }) => run.status)).toEqual(['succeeded', 'succeeded']);
    // The full run's check is trusted for a day: the repair half a day later asks nothing, the one a whole day later asks.
    expect(writing.map(({ checks }) => checks)).toEqual([0, 1]);
    expect(runs.filter(({ run }) => run.changes.length === 0).every(({ checks }) => checks === 0)).toBe(true);
  });

  it('a write identity that lost site-admin rights since its check ends the run with the clear error, nothing recorded as failed', async () => {
    h = await driftedSite();
    await removeByHand(h, 'site-admins', DEMO_ADMIN);
    for (let hour = 1; hour <= 24; hour++) {
      h.clock.advance(HOUR);
      await h.app.onScheduledTick();
      await h.drain();
    }
    // The page needs a Jira admin, which the account no longer is: read the run records as stored.
    const runs: RunSummary[] = [];
    for (const id of (await h.kv.get<string[]>(STORAGE_KEYS.runIndex))!)
      runs.push((await h.kv.get<{ summary: RunSummary }>(STORAGE_KEYS.run(id)))!.summary);
    // Oldest first: the first run that wrote trusted the full run's check, was refused, asked again and says so;
    // the next runs ask before writing (the trusted answer is gone) and write nothing.
    const failed = runs.filter((r) => r.status === 'failed').reverse();
    expect(failed.length).toBeGreaterThan(1);
    expect(failed.map((r) => r.error?.code)).toEqual(failed.map(() => 'runas-not-site-admin'));
    expect(failed[0]!.error?.message).toMatch(/is not a site admin.*Jira refused the run's changes from then on/);
    for (const run of failed.slice(1)) expect(run.error?.message).toMatch(/is not a site admin.*nothing was changed/);
    expect(failed.every((r) => r.counts.failed === 0)).toBe(true);
    expect(failed.every((r) => !r.applied || r.applied.adds + r.applied.removals === 0)).toBe(true);
  });
});
