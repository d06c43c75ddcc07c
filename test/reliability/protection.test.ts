import { runScenario } from '../../dev/scenario/run-scenario';
import { settingsSchema } from '../../src/settings/schema';
import { jiraScenario, startJiraSite } from '../contract/jira-support';
import { DEMO_ADMIN, demoScenario, startRig } from '../helpers';

const admin = { accountId: DEMO_ADMIN };

/** Issue 17 item 5: protection fails closed, and a protected mapping is refused when saved. */
describe('protected groups fail closed', () => {
  it('stops the run before any write when Jira lists no site-admin group', async () => {
    const scenario = demoScenario();
    scenario.faults = [
      {
        service: 'jira',
        path: '/rest/api/3/group/bulk',
        status: 200,
        times: 1_000,
        body: { maxResults: 50, startAt: 0, total: 0, isLast: true, values: [] },
      },
    ];
    const { report } = await runScenario(scenario);
    // The write identity's check reads the same list and stops first; either way nothing is written.
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('runas-not-site-admin');
    expect(report.calls.jiraWrites).toBe(0);
  });

  it('refuses to tell protected groups apart when Jira lists no site-admin group', async () => {
    const empty = { maxResults: 50, startAt: 0, total: 0, isLast: true, values: [] };
    const site = await startJiraSite(
      jiraScenario({
        groups: [{ name: 'plain', members: [] }],
        faults: [{ service: 'jira', path: '/rest/api/3/group/bulk', status: 200, times: 1_000, body: empty }],
      }),
    );
    try {
      await expect(site.directory().groupsByName(['plain'])).rejects.toMatchObject({
        code: 'protected-groups-unknown',
      });
      await expect(site.directory().searchGroups('pl', 5)).rejects.toMatchObject({ code: 'protected-groups-unknown' });
    } finally {
      await site.sim.close();
    }
  });

  it('stops the run before any write when the lookup keeps failing', async () => {
    const scenario = demoScenario();
    scenario.faults = [{ service: 'jira', path: '/rest/api/3/group/bulk', status: 500, times: 1_000 }];
    const { report } = await runScenario(scenario);
    expect(report.status).toBe('failed');
    expect(report.calls.jiraWrites).toBe(0);
  });

  it('protects the standard admin and product-access names even when the access lookup misses them', async () => {
    const names = ['administrators', 'jira-administrators', 'jira-admins-acme', 'jira-software-users-acme', 'plain'];
    const site = await startJiraSite(
      jiraScenario({ groups: names.map((name) => ({ name, members: [], accessType: undefined })) }),
    );
    try {
      const found = new Map((await site.directory().groupsByName(names)).map((g) => [g.name, g]));
      expect(found.get('administrators')).toMatchObject({ protected: true, access: 'admin' });
      expect(found.get('jira-administrators')).toMatchObject({ protected: true, access: 'admin' });
      expect(found.get('jira-admins-acme')).toMatchObject({ protected: true, access: 'admin' });
      expect(found.get('jira-software-users-acme')).toMatchObject({ protected: true, access: 'product' });
      expect(found.get('plain')).toMatchObject({ protected: false, access: null });
    } finally {
      await site.sim.close();
    }
  });
});

describe('a mapping to a protected group is refused at save', () => {
  const base = {
    tenantId: '00000000-0000-4000-8000-000000000000',
    clientId: '00000000-0000-4000-8000-000000000001',
    scope: { mode: 'all' },
    writeAs: { mode: 'runAsAdmin', accountId: 'abc' },
  };
  const mapped = (jiraGroup: string, allowProductAccessGroups = false) => ({
    ...base,
    groups: {
      mapping: [{ entraGroupId: '10000000-0000-4000-8000-000000000005', jiraGroup }],
      allowProductAccessGroups,
    },
  });

  it('by the standard names, with the reason at the field', () => {
    const refused = settingsSchema.safeParse(mapped('site-admins'));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({
      path: ['groups', 'mapping', 0, 'jiraGroup'],
      message: expect.stringContaining('site-admins is a protected site-admin group'),
    });
    expect(settingsSchema.safeParse(mapped('jira-software-users')).success).toBe(false);
    expect(settingsSchema.safeParse(mapped('jira-software-users', true)).success).toBe(true);
    expect(settingsSchema.safeParse(mapped('jira-admins-acme', true)).success).toBe(false);
  });

  it('by what Jira says the group grants, when saved from the page', async () => {
    const scenario = demoScenario();
    scenario.jira.groups.push({ name: 'ops-admins', members: [], accessType: 'admin' });
    const h = await startRig(scenario);
    try {
      const settings = {
        ...scenario.settings,
        groups: {
          ...scenario.settings.groups,
          mapping: [{ entraGroupId: '10000000-0000-4000-8000-000000000005', jiraGroup: 'ops-admins' }],
        },
      };
      const refused = await h.app.resolve('saveSettings', { settings }, admin);
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.error.code).toBe('invalid-settings');
      expect(!refused.ok && refused.error.fields).toEqual([
        {
          path: 'groups.mapping.0.jiraGroup',
          message: 'ops-admins is a protected admin group: the app never changes it, so it cannot be a mapping target',
        },
      ]);
      const { clientSecret: _secret, ...exported } = settings;
      const imported = await h.app.resolve('importSettings', { settings: exported }, admin);
      expect(!imported.ok && imported.error.fields?.map((f) => f.path)).toEqual(['groups.mapping.0.jiraGroup']);
      // The stored mapping is unchanged.
      const stored = await h.app.resolve('getSettings', {}, admin);
      expect(JSON.stringify(stored.ok && stored.data)).toContain('sales-team');
      expect(JSON.stringify(stored.ok && stored.data)).not.toContain('ops-admins');
    } finally {
      await h.close();
    }
  });
});
