import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ScenarioReport } from '../../dev/scenario/run-scenario';
import { runScenario } from '../../dev/scenario/run-scenario';
import type { Scenario } from '../../dev/scenario/scenario';
import { scenarioFile } from '../helpers';

const root = path.resolve(__dirname, '../..');
const outcomeOf = (report: ScenarioReport, identifierOrId: string) =>
  report.users.find((u) => u.identifier === identifierOrId || u.entraId === identifierOrId)?.outcome;

/** A scenario whose Jira starts where a report's Jira ended (emails mapped back to accountIds). */
function seededFrom(base: Scenario, report: ScenarioReport): Scenario {
  const byEmail = new Map(base.jira.users.map((u) => [u.emailAddress.toLowerCase(), u.accountId]));
  const groupIds = new Map(base.jira.groups.map((g) => [g.name, g]));
  return {
    ...base,
    jira: {
      ...base.jira,
      groups: Object.entries(report.jiraAfter.groups).map(([name, emails]) => ({
        ...(groupIds.get(name) ?? {}),
        name,
        members: emails.map((e) => byEmail.get(e) ?? e),
      })),
    },
  };
}

describe('demo tenant, end to end through the scenario runner', () => {
  let first: ScenarioReport;
  let stateDir: string;

  beforeAll(async () => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entra-sync-state-'));
    first = (await runScenario(scenarioFile('demo'), { stateDir })).report;
  });
  afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

  it('succeeds and flattens nested groups into the prefixed Jira group', () => {
    expect(first.status).toBe('succeeded');
    expect(first.error).toBeNull();
    expect(first.jiraAfter.groups['entra-Engineering']).toEqual([
      'alice@contoso.com',
      'bob@contoso.com',
      'carol@contoso.com',
      'dan@contoso.com',
      'erin@contoso.com',
      'kim@contoso.com',
    ]);
  });

  it('keeps the explicitly mapped group in step: the disabled user is removed, the others stay', () => {
    expect(first.jiraAfter.groups['sales-team']).toEqual(['ivan@contoso.com']);
    expect(first.changes).toContainEqual({
      op: 'removeMember',
      group: 'sales-team',
      email: 'grace@contoso.com',
      result: 'applied',
    });
  });

  it('never touches the default access group', () => {
    const before = scenarioFile('demo').jira.groups.find((g) => g.name === 'jira-software-users');
    expect(first.jiraAfter.groups['jira-software-users']).toHaveLength(before?.members.length ?? -1);
  });

  it.each([
    ['alice@contoso.com', 'added'],
    ['erin@contoso.com', 'added'],
    ['kim@contoso.com', 'added'],
    ['heidi@contoso.com', 'not-in-jira'],
    ['grace@contoso.com', 'disabled'],
    ['frank@partner.example', 'guest-excluded'],
    ['lee@subsidiary.example', 'domain-excluded'],
    ['ivan@contoso.com', 'unchanged'],
    ['00000000-0000-4000-8000-000000000010', 'no-identifier'],
  ])('reports %s as %s', (who, outcome) => {
    expect(outcomeOf(first, who)).toBe(outcome);
  });

  it('counts calls from what the simulators served, and writes equal the applied changes', () => {
    const applied = first.changes.filter((c) => c.result === 'applied').length;
    expect(first.calls.jiraWrites).toBe(applied);
    expect(first.calls.graph).toBeGreaterThanOrEqual(3);
    expect(first.calls.jira).toBeGreaterThan(first.calls.jiraWrites);
  });

  it('makes zero Jira writes on a second run seeded with the first run’s Jira state', async () => {
    const second = (await runScenario(seededFrom(scenarioFile('demo'), first), { stateDir })).report;
    expect(second.status).toBe('succeeded');
    expect(second.calls.jiraWrites).toBe(0);
    expect(second.changes).toEqual([]);
    expect(second.jiraAfter).toEqual(first.jiraAfter);
  });

  it('previews every change without writing anything', async () => {
    const preview = (await runScenario(scenarioFile('demo'), { preview: true })).report;
    expect(preview.status).toBe('previewed');
    expect(preview.calls.jiraWrites).toBe(0);
    expect(preview.changes.map(({ op, group, email }) => ({ op, group, email }))).toEqual(
      first.changes.map(({ op, group, email }) => ({ op, group, email })),
    );
    expect(preview.changes.every((c) => c.result === 'planned')).toBe(true);
    expect(preview.jiraAfter.groups['entra-Engineering']).toBeUndefined();
  });

  it('gives the same result when every queue event is delivered twice', async () => {
    const twice = (await runScenario(scenarioFile('demo'), { duplicateDelivery: true })).report;
    expect(twice.jiraAfter).toEqual(first.jiraAfter);
    expect(twice.calls.jiraWrites).toBe(first.calls.jiraWrites);
  });

  it('gives the same result when each step may do only a little work (many continuations)', async () => {
    const details = await runScenario(scenarioFile('demo'), { limits: { stepBudgetMs: 0, applyBatchSize: 1 } });
    expect(details.events).toBeGreaterThan(15);
    expect(details.report.jiraAfter).toEqual(first.jiraAfter);
    expect(details.report.calls.jiraWrites).toBe(first.calls.jiraWrites);
  });
});

describe('safety scenarios', () => {
  const untouched = (name: string) =>
    Object.fromEntries(scenarioFile(name).jira.groups.map((g) => [g.name, g.members.length]));
  const sizes = (report: ScenarioReport) =>
    Object.fromEntries(
      Object.entries(report.jiraAfter.groups)
        .filter(([name]) => name !== 'site-admins')
        .map(([name, m]) => [name, m.length]),
    );

  it('stops before any change when the run-as account is not a site admin', async () => {
    const { report } = await runScenario(scenarioFile('not-site-admin'));
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('runas-not-site-admin');
    expect(report.calls.jiraWrites).toBe(0);
    expect(sizes(report)).toEqual(untouched('not-site-admin'));
  });

  it('holds a run whose removals pass the threshold for approval, with the plan visible', async () => {
    const { report } = await runScenario(scenarioFile('removal-threshold'));
    expect(report.status).toBe('needs-approval');
    expect(report.error?.code).toBe('removal-threshold-exceeded');
    expect(report.calls.jiraWrites).toBe(0);
    expect(report.changes.filter((c) => c.op === 'removeMember')).toHaveLength(13);
    expect(sizes(report)).toEqual(untouched('removal-threshold'));
  });

  it('fails a run whose Graph reads keep failing, and changes nothing in Jira', async () => {
    const { report } = await runScenario(scenarioFile('graph-outage'));
    expect(report.status).toBe('failed');
    expect(report.error?.code).toMatch(/^graph-/);
    expect(report.calls.jiraWrites).toBe(0);
    expect(sizes(report)).toEqual(untouched('graph-outage'));
  });

  it('survives transient throttling on both services with the same result as without it', async () => {
    const calm = (await runScenario(scenarioFile('demo'))).report;
    const { report } = await runScenario(scenarioFile('transient-throttling'));
    expect(report.status).toBe('succeeded');
    expect(report.jiraAfter).toEqual(calm.jiraAfter);
  });

  it('reports an ambiguous email without guessing, and flattens a nesting cycle', async () => {
    const { report } = await runScenario(scenarioFile('ambiguous-and-cycle'));
    expect(report.status).toBe('succeeded');
    expect(outcomeOf(report, 'bob@contoso.com')).toBe('ambiguous-match');
    expect(report.jiraAfter.groups['entra-Engineering']).toEqual([
      'alice@contoso.com',
      'carol@contoso.com',
      'dan@contoso.com',
      'erin@contoso.com',
      'kim@contoso.com',
    ]);
  });
});

describe('npm run sync CLI', () => {
  it('prints one JSON report in exactly the design’s shape', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        path.join(root, 'node_modules/tsx/dist/cli.mjs'),
        'dev/cli/sync.ts',
        '--scenario',
        'dev/scenarios/demo.json',
        '--json',
      ],
      { cwd: root },
    );
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual(['calls', 'changes', 'error', 'jiraAfter', 'status', 'users']);
    expect(Object.keys(report.calls as object).sort()).toEqual(['graph', 'jira', 'jiraWrites']);
    expect(Object.keys((report.changes as object[])[0] as object).sort()).toEqual(['email', 'group', 'op', 'result']);
    expect(Object.keys((report.users as object[])[0] as object).sort()).toEqual([
      'entraId',
      'identifier',
      'outcome',
      'reason',
    ]);
    expect(report.status).toBe('succeeded');
  });

  it('refuses an unknown option with a clear message and exit code 1', async () => {
    await expect(
      promisify(execFile)(
        process.execPath,
        [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'dev/cli/sync.ts', '--scenari', 'x'],
        { cwd: root },
      ),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Unknown option --scenari') });
  });
});
