import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkScenario, loadScenario } from '../../dev/scenario/load-scenario';
import { DEACTIVATED_ADMIN, DEMO_ADMIN, DEMO_MEMBER, JIRA_ADMIN, scenarioFile, UNKNOWN_ACCOUNT } from '../helpers';

const scenarios = path.resolve(__dirname, '../../dev/scenarios');

function minimal(): Record<string, unknown> {
  return {
    entra: {
      users: [
        {
          id: 'u1',
          userPrincipalName: 'a@contoso.com',
          mail: null,
          displayName: 'A',
          accountEnabled: true,
          userType: 'Member',
        },
      ],
      groups: [{ id: 'g1', displayName: 'G', members: ['u1'] }],
    },
    jira: { users: [], groups: [] },
    settings: {},
  };
}

function problemOf(value: unknown): string {
  try {
    checkScenario(value, 'bad.json');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the scenario to be refused');
}

describe('scenario files are checked against the scenario format', () => {
  it('loads every shipped scenario', () => {
    for (const file of fs.readdirSync(scenarios).filter((f) => f.endsWith('.json')))
      expect(() => loadScenario(path.join(scenarios, file))).not.toThrow();
  });

  it('names the file and the JSON path of a wrong type (before: accepted, or a raw TypeError)', () => {
    const users = minimal();
    (users.entra as { users: Array<Record<string, unknown>> }).users[0]!.accountEnabled = 'false';
    expect(problemOf(users)).toMatch(/^Scenario file bad\.json .*entra\.users\[0\]\.accountEnabled: .*boolean/);
    const members = minimal();
    (members.entra as { groups: Array<Record<string, unknown>> }).groups[0]!.members = 'u1';
    expect(problemOf(members)).toContain('entra.groups[0].members');
    expect(problemOf({ ...minimal(), jira: null })).toContain('jira');
    expect(problemOf([])).toContain('(the whole file)');
  });

  it('refuses unknown keys (typos) and faults that are neither an error nor a short page', () => {
    expect(problemOf({ ...minimal(), fautls: [] })).toContain('fautls');
    expect(problemOf({ ...minimal(), faults: [{ service: 'graph', path: '/v1.0/users' }] })).toContain('faults[0]');
    expect(
      problemOf({ ...minimal(), faults: [{ service: 'graph', path: '/v1.0/users', status: 400, after: -1 }] }),
    ).toContain('faults[0]');
    expect(() =>
      checkScenario(
        {
          ...minimal(),
          faults: [
            { service: 'jira', path: '/rest/api/3/users/search', shortPage: 3 },
            {
              service: 'graph',
              path: '/v1.0/users',
              after: 1,
              status: 400,
              body: { error: { code: 'Directory_ExpiredPageToken' } },
            },
          ],
        },
        'ok.json',
      ),
    ).not.toThrow();
  });

  it('checks between-run changes', () => {
    const entra = (extra: unknown) => ({
      ...minimal(),
      entra: { ...(minimal().entra as object), betweenRuns: [extra] },
    });
    expect(() => checkScenario(entra({ afterRun: 1, change: 'softDeleteUser', id: 'u1' }), 'ok.json')).not.toThrow();
    expect(problemOf(entra({ afterRun: 0, change: 'softDeleteUser', id: 'u1' }))).toContain(
      'entra.betweenRuns[0].afterRun',
    );
    expect(problemOf(entra({ afterRun: 1, change: 'explode', id: 'u1' }))).toContain('entra.betweenRuns[0]');
  });

  it('reports unreadable and non-JSON files with their name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scenario-'));
    try {
      const file = path.join(dir, 'broken.json');
      fs.writeFileSync(file, '{ "entra": ');
      expect(() => loadScenario(file)).toThrow(`Scenario file ${file} is not valid JSON`);
      expect(() => loadScenario(path.join(dir, 'missing.json'))).toThrow('Cannot read scenario file');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the tests' accounts (test/helpers/accounts.ts) are the scenario files' accounts", () => {
  const everyScenario = () =>
    fs
      .readdirSync(scenarios)
      .filter((f) => f.endsWith('.json'))
      .map((file) => loadScenario(path.join(scenarios, file)));

  it('DEMO_ADMIN is the site admin and write identity of demo and fault-roles; DEMO_MEMBER is a plain member', () => {
    for (const name of ['demo', 'fault-roles']) expect(scenarioFile(name).jira.siteAdmins).toEqual([DEMO_ADMIN]);
    const demo = scenarioFile('demo');
    expect(demo.settings.writeAs).toEqual({ mode: 'runAsAdmin', accountId: DEMO_ADMIN });
    expect(demo.jira.users.find((u) => u.accountId === DEMO_MEMBER)?.active).toBe(true);
    expect(demo.jira.groups.filter((g) => g.members.includes(DEMO_MEMBER)).map((g) => g.name)).not.toContain(
      'jira-administrators',
    );
  });

  it('JIRA_ADMIN and DEACTIVATED_ADMIN are the Jira admins of fault-roles; UNKNOWN_ACCOUNT is nobody', () => {
    const roles = scenarioFile('fault-roles');
    expect(roles.jira.groups.find((g) => g.name === 'jira-administrators')?.members).toEqual([
      JIRA_ADMIN,
      DEACTIVATED_ADMIN,
    ]);
    expect(roles.jira.users.find((u) => u.accountId === DEACTIVATED_ADMIN)?.active).toBe(false);
    for (const scenario of everyScenario())
      expect(scenario.jira.users.map((u) => u.accountId)).not.toContain(UNKNOWN_ACCOUNT);
  });
});
