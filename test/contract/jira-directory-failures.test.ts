import type { ScenarioFault } from '../../dev/scenario/scenario';
import type { JiraSite } from './jira-support';
import { jiraScenario, jiraUser, startJiraSite } from './jira-support';
import { rejectionOf } from '../helpers';

/** Throttling and outages: what is retried, what pauses the run, and that no partial data escapes. */

const GROUP = 'c3c3c3c3-0000-4000-8000-000000000003';
const members = Array.from({ length: 70 }, (_, i) => `m-${i}`);

async function siteWith(faults: ScenarioFault[]): Promise<JiraSite> {
  return startJiraSite(
    jiraScenario({
      users: members.map((id) => jiraUser(id)),
      groups: [{ name: 'big', groupId: GROUP, members }],
      faults,
    }),
  );
}

describe('Jira throttling and outages', () => {
  let site: JiraSite | undefined;
  afterEach(() => site?.sim.close());

  it('retries burst 429s after Retry-After, then succeeds', async () => {
    site = await siteWith([
      { service: 'jira', path: '/rest/api/3/group/member', status: 429, times: 2, retryAfter: 2 },
    ]);
    const kinds: string[] = [];
    const page = await site.directory(undefined, { onCall: (k) => kinds.push(k) }).groupMembersPage(GROUP, 0);
    expect(page.members).toHaveLength(50);
    expect(site.clock.sleeps).toEqual([2000, 2000]);
    expect(kinds.filter((k) => k === 'throttled')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'read')).toHaveLength(3);
  });

  it('a quota 429 stops at once with a retryable jira-quota-exhausted and no sleep', async () => {
    site = await siteWith([
      {
        service: 'jira',
        path: '/rest/api/3/group/member',
        status: 429,
        times: 1,
        retryAfter: 1800,
        rateLimitReason: 'jira-quota-global-based',
      },
    ]);
    const error = await rejectionOf(site.directory().groupMembersPage(GROUP, 0));
    expect(error).toMatchObject({ code: 'jira-quota-exhausted', retryable: true, retryAfterSeconds: 1800 });
    expect(site.clock.sleeps).toEqual([]);
    expect(site.sim.requestCount()).toBe(1);
  });

  it('a tenant quota 429 on a write pauses the run the same way', async () => {
    site = await siteWith([
      {
        service: 'jira',
        path: '/rest/api/3/group/user',
        method: 'POST',
        status: 429,
        retryAfter: 600,
        rateLimitReason: 'jira-quota-tenant-based',
      },
    ]);
    await expect(site.directory().addMember(GROUP, 'm-1')).rejects.toMatchObject({
      code: 'jira-quota-exhausted',
      retryAfterSeconds: 600,
    });
    expect(site.clock.sleeps).toEqual([]);
    expect(site.sim.writeCount()).toBe(0);
  });

  it('a persistent 503 throws jira-unavailable after bounded retries', async () => {
    site = await siteWith([{ service: 'jira', path: '/rest/api/3/group/member', status: 503, times: 100 }]);
    const error = await rejectionOf(site.directory().groupMembersPage(GROUP, 0));
    expect(error).toMatchObject({ code: 'jira-unavailable', retryable: true });
    expect(site.clock.sleeps).toHaveLength(4);
  });

  it('never returns part of a multi-page group lookup when a later page fails', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ name: `g-${i}`, members: [] }));
    site = await startJiraSite({
      ...jiraScenario({ groups: many }),
      faults: [{ service: 'jira', path: '/rest/api/3/group/bulk', status: 500, after: 1, times: 100 }],
    });
    await expect(site.directory().groupsByName(many.map((g) => g.name))).rejects.toMatchObject({
      code: 'jira-unavailable',
    });
  });

  it('does not wait past the deadline: the retry is handed back to the run', async () => {
    site = await siteWith([{ service: 'jira', path: '/rest/api/3/users/search', status: 429, retryAfter: 30 }]);
    const clock = site.clock;
    const error = await rejectionOf(site.directory(undefined, { deadline: () => clock.now() + 5_000 }).usersPage(0));
    expect(error).toMatchObject({ code: 'jira-rate-limited', retryable: true, retryAfterSeconds: 30 });
    expect(clock.sleeps).toEqual([]);
  });

  it('the simulator enforces a per-endpoint burst limit with Jira headers', async () => {
    site = await startJiraSite(jiraScenario(), { burstLimitPerSecond: 1 });
    const fetchApp = site.rawFetchAs({ kind: 'app' });
    const responses = [];
    for (let i = 0; i < 3; i++) responses.push(await fetchApp('/rest/api/3/users/search'));
    const limited = responses.find((r) => r.status === 429);
    expect(limited).toBeDefined();
    expect(limited?.headers.get('retry-after')).toBe('1');
    expect(limited?.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    expect(limited?.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number.isNaN(Date.parse(limited?.headers.get('x-ratelimit-reset') ?? ''))).toBe(false);
    expect(JSON.parse(await (limited as Response).text())).toMatchObject({
      errorMessages: [expect.any(String)],
      errors: {},
    });
  });
});
