import type { GraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { startGraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { SECRET, groupId, scenario, user, wire } from './graph-fixtures';
import { rejectionOf } from '../helpers';

/** Missing consent: 403s that name the permission, the limited-information rule and checkPermissions. */

const GROUP = groupId(1);
const users = [user(1), user(2)];
const groups = [{ id: GROUP, displayName: 'Sales', members: [users[0]!.id, users[1]!.id] }];

const sims = new Map<string, GraphSimulator>();
async function simWithRoles(roles: string[]): Promise<GraphSimulator> {
  const key = roles.join(',');
  let sim = sims.get(key);
  if (!sim) {
    sim = await startGraphSimulator(scenario({ users, groups, app: { roles } }));
    sims.set(key, sim);
  }
  return sim;
}

afterAll(async () => {
  await Promise.all([...sims.values()].map((s) => s.close()));
});

describe('403 Authorization_RequestDenied', () => {
  it('names User.Read.All and where to grant it when users cannot be read', async () => {
    const error = await rejectionOf(wire(await simWithRoles(['GroupMember.Read.All'])).directory.usersPage(null));
    expect(error.code).toBe('graph-permission-missing');
    expect(error.message).toContain('User.Read.All');
    expect(error.message).toContain('API permissions → Add a permission → Microsoft Graph → Application permissions');
    expect(error.message).toContain('Grant admin consent');
  });

  it('names GroupMember.Read.All when members cannot be read', async () => {
    const error = await rejectionOf(
      wire(await simWithRoles(['User.Read.All'])).directory.transitiveMembersPage(GROUP, null),
    );
    expect(error.code).toBe('graph-permission-missing');
    expect(error.message).toContain('GroupMember.Read.All');
    expect(error.message).not.toContain('User.Read.All');
  });

  it('fails the group search rather than returning no groups', async () => {
    const error = await rejectionOf(wire(await simWithRoles([])).directory.searchGroups('Sa', 10));
    expect(error.code).toBe('graph-permission-missing');
  });
});

describe('limited-information rule', () => {
  it('refuses members that come back without a userPrincipalName and names User.Read.All', async () => {
    const error = await rejectionOf(
      wire(await simWithRoles(['GroupMember.Read.All'])).directory.transitiveMembersPage(GROUP, null),
    );
    expect(error.code).toBe('graph-permission-missing');
    expect(error.message).toContain('User.Read.All');
  });

  it('reads members fully once User.Read.All is granted too', async () => {
    const page = await wire(
      await simWithRoles(['GroupMember.Read.All', 'User.Read.All']),
    ).directory.transitiveMembersPage(GROUP, null);
    expect(page.users.map((u) => u.userPrincipalName)).toEqual([
      'user1@contoso.onmicrosoft.com',
      'user2@contoso.onmicrosoft.com',
    ]);
  });
});

describe('checkPermissions', () => {
  it.each([
    {
      roles: ['User.Read.All', 'GroupMember.Read.All'],
      users: true,
      members: true,
      apps: false,
      granted: ['User.Read.All', 'GroupMember.Read.All'],
    },
    {
      roles: ['User.Read.All', 'GroupMember.Read.All', 'Application.Read.All'],
      users: true,
      members: true,
      apps: true,
      granted: ['User.Read.All', 'GroupMember.Read.All', 'Application.Read.All'],
    },
    { roles: ['User.Read.All'], users: true, members: false, apps: false, granted: ['User.Read.All'] },
    { roles: ['GroupMember.Read.All'], users: false, members: true, apps: false, granted: ['GroupMember.Read.All'] },
    { roles: ['Application.Read.All'], users: false, members: false, apps: true, granted: ['Application.Read.All'] },
    { roles: ['Directory.Read.All'], users: true, members: true, apps: true, granted: ['Directory.Read.All'] },
    { roles: [], users: false, members: false, apps: false, granted: [] },
  ])('with roles [$roles]', async ({ roles, users: canUsers, members, apps, granted }) => {
    const report = await wire(await simWithRoles(roles)).directory.checkPermissions();
    expect(report.tokenRoles).toEqual(roles);
    expect(report.canReadUsers).toBe(canUsers);
    expect(report.canReadGroupMembers).toBe(members);
    expect(report.canReadApplications).toBe(apps);
    expect(report.granted).toEqual(granted);
  });

  it('probes the members of the first group found', async () => {
    const sim = await simWithRoles(['User.Read.All', 'GroupMember.Read.All']);
    const { directory } = wire(sim);
    await directory.verifyCredentials();
    const before = sim.graphRequestCount();
    await directory.checkPermissions();
    expect(sim.graphRequestCount() - before).toBe(4);
  });
});

describe('secret expiry (Application.Read.All)', () => {
  it('reads the expiry of the secret in use, matched by its hint', async () => {
    const sim = await startGraphSimulator(
      scenario({ app: { roles: ['Application.Read.All'], secretEndDateTime: '2031-06-30T00:00:00Z' } }),
    );
    try {
      await expect(wire(sim).directory.secretExpiry()).resolves.toEqual({
        endDateTime: '2031-06-30T00:00:00Z',
        hint: SECRET.slice(0, 3),
      });
    } finally {
      await sim.close();
    }
  });

  it('names Application.Read.All when it is missing', async () => {
    const error = await rejectionOf(wire(await simWithRoles(['User.Read.All'])).directory.secretExpiry());
    expect(error.code).toBe('graph-permission-missing');
    expect(error.message).toContain('Application.Read.All');
    expect(error.message).not.toContain(SECRET);
  });
});
