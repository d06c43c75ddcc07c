import type { JiraSite } from './jira-support';
import { ADMIN, jiraScenario, jiraUser, startJiraSite } from './jira-support';

/** Reads: the real adapter against the Jira simulator over HTTP. */

const members = Array.from({ length: 120 }, (_, i) => `m-${String(i).padStart(3, '0')}`);

describe('Jira directory reads', () => {
  let site: JiraSite;

  beforeAll(async () => {
    site = await startJiraSite(
      jiraScenario({
        users: [
          ...members.map((id, i) => jiraUser(id, { active: i % 10 !== 0 })),
          jiraUser('hidden-1', { emailHidden: true, emailAddress: 'Hidden.One@Example.com' }),
          jiraUser('blank-1', { emailAddress: '' }),
          jiraUser('bot-1', { accountType: 'app' }),
        ],
        groups: [
          { name: 'engineering', groupId: 'a1a1a1a1-0000-4000-8000-000000000001', members },
          { name: 'jira-software-users', members: [ADMIN], defaultAccess: true },
          { name: 'jira-admins-acme', members: [ADMIN], accessType: 'admin' },
          { name: 'confluence-users', members: [], accessType: 'user' },
          { name: 'sales', members: ['hidden-1'] },
        ],
      }),
    );
  });
  afterAll(() => site.sim.close());

  it('pages 120 members as 50, 50 and 20, inactive members included', async () => {
    const directory = site.directory();
    const pages: number[] = [];
    const seen: string[] = [];
    let inactive = 0;
    for (let startAt: number | null = 0; startAt !== null; ) {
      const page = await directory.groupMembersPage('a1a1a1a1-0000-4000-8000-000000000001', startAt);
      pages.push(page.members.length);
      seen.push(...page.members.map((m) => m.accountId));
      inactive += page.members.filter((m) => !m.active).length;
      startAt = page.next;
    }
    expect(pages).toEqual([50, 50, 20]);
    expect(new Set(seen)).toEqual(new Set(members));
    expect(inactive).toBe(12);
  });

  it('an unknown group is jira-not-found', async () => {
    await expect(site.directory().groupMembersPage('no-such-group', 0)).rejects.toMatchObject({
      code: 'jira-not-found',
    });
  });

  it('lists every user, inactive and app accounts included, with hidden emails as null', async () => {
    const { users, next } = await site.directory().usersPage(0);
    expect(next).toBe(users.length);
    expect(await site.directory().usersPage(users.length)).toEqual({ users: [], next: null });
    const ids = users.map((u) => u.accountId);
    expect(ids).toEqual(expect.arrayContaining(['m-000', 'bot-1', 'hidden-1']));
    expect(users.find((u) => u.accountId === 'm-000')).toMatchObject({
      active: false,
      emailAddress: 'm-000@example.com',
    });
    expect(users.find((u) => u.accountId === 'bot-1')?.accountType).toBe('app');
    expect(users.find((u) => u.accountId === 'hidden-1')?.emailAddress).toBeNull();
    expect(users.find((u) => u.accountId === 'blank-1')?.emailAddress).toBeNull();
  });

  it('fills hidden emails through the email bulk API, as the app', async () => {
    const emails = await site.directory().emailsOf(['hidden-1', 'm-001', 'hidden-1', 'unknown-account']);
    expect(emails.get('hidden-1')).toBe('Hidden.One@Example.com');
    expect(emails.get('m-001')).toBe('m-001@example.com');
    expect(emails.has('unknown-account')).toBe(false);
  });

  it('asks for emails in chunks of 100 account IDs', async () => {
    const before = site.calls.length;
    const emails = await site.directory().emailsOf(members.concat(members.slice(0, 5)));
    const bulkCalls = site.calls.slice(before).filter((c) => c.url.startsWith('/rest/api/3/user/email/bulk'));
    expect(bulkCalls.map((c) => new URL(c.url, 'http://x').searchParams.getAll('accountId').length)).toEqual([100, 20]);
    expect(emails.size).toBe(120);
  });

  it('refuses the email bulk API to an impersonated user (asApp only)', async () => {
    const response = await site.rawFetchAs({ kind: 'user', accountId: ADMIN })(
      '/rest/api/3/user/email/bulk?accountId=hidden-1',
    );
    expect(response.status).toBe(401);
    expect(JSON.parse(await response.text())).toEqual({ errorMessages: [expect.any(String)], errors: {} });
  });

  it('finds groups by name, leaves unknown names out and marks access groups protected', async () => {
    const found = await site
      .directory()
      .groupsByName([
        'engineering',
        'sales',
        'site-admins',
        'jira-software-users',
        'jira-admins-acme',
        'confluence-users',
        'missing',
      ]);
    const byName = new Map(found.map((g) => [g.name, g]));
    expect([...byName.keys()].sort()).toEqual([
      'confluence-users',
      'engineering',
      'jira-admins-acme',
      'jira-software-users',
      'sales',
      'site-admins',
    ]);
    expect(byName.get('engineering')).toEqual({
      name: 'engineering',
      groupId: 'a1a1a1a1-0000-4000-8000-000000000001',
      protected: false,
      access: null,
    });
    expect(byName.get('sales')?.protected).toBe(false);
    for (const name of ['site-admins', 'jira-software-users', 'jira-admins-acme', 'confluence-users'])
      expect(byName.get(name)?.protected).toBe(true);
    expect(byName.get('site-admins')?.access).toBe('site-admin');
    expect(byName.get('jira-software-users')?.access).toBe('product');
    expect(byName.get('sales')?.groupId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('looks up no groups for no names', async () => {
    const before = site.sim.requestCount();
    expect(await site.directory().groupsByName([])).toEqual([]);
    expect(site.sim.requestCount()).toBe(before);
  });
});

describe('Jira users/search paging', () => {
  let site: JiraSite;
  beforeAll(async () => {
    site = await startJiraSite(jiraScenario({ users: Array.from({ length: 1200 }, (_, i) => jiraUser(`u-${i}`)) }));
  });
  afterAll(() => site.sim.close());

  it('reads more than 1000 users in pages of 1000', async () => {
    const directory = site.directory();
    const first = await directory.usersPage(0);
    expect(first.users).toHaveLength(1000);
    expect(first.next).toBe(1000);
    const second = await directory.usersPage(first.next as number);
    expect(second.users).toHaveLength(203);
    expect(second.next).toBe(1203);
    expect(await directory.usersPage(1203)).toEqual({ users: [], next: null });
    expect(new Set([...first.users, ...second.users].map((u) => u.accountId)).size).toBe(1203);
  });

  it('keeps reading after a page shorter than asked for: only an empty page ends the list', async () => {
    // Atlassian: page sizes are not part of the API and may change. Before, a short page ended the read.
    const short = await startJiraSite(
      jiraScenario({
        users: Array.from({ length: 20 }, (_, i) => jiraUser(`s-${i}`)),
        faults: [{ service: 'jira', path: '/rest/api/3/users/search', shortPage: 7 }],
      }),
    );
    try {
      const directory = short.directory();
      const seen: string[] = [];
      for (let next: number | null = 0; next !== null; ) {
        const page = await directory.usersPage(next);
        seen.push(...page.users.map((u) => u.accountId));
        next = page.next;
      }
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
    } finally {
      await short.sim.close();
    }
  });

  it('caps a users/search page at 1000 even when more is asked', async () => {
    const response = await site.rawFetchAs({ kind: 'app' })('/rest/api/3/users/search?startAt=0&maxResults=5000');
    expect((JSON.parse(await response.text()) as unknown[]).length).toBe(1000);
  });
});
