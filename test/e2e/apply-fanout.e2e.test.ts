import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScenario } from '../../dev/scenario/run-scenario';
import type { Scenario } from '../../dev/scenario/scenario';
import { demoScenario } from '../helpers';

/** A tenant big enough that the plan spans several chunks, so the apply phase fans out into parts. */
function bigTenant(users: number): Scenario {
  const base = demoScenario();
  const id = (n: number) => `30000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
  const account = (n: number) => `7000000000000000000${n.toString().padStart(5, '0')}`;
  const entraUsers = Array.from({ length: users }, (_, n) => ({
    id: id(n),
    userPrincipalName: `user${n}@contoso.com`,
    mail: `user${n}@contoso.com`,
    displayName: `User ${n}`,
    accountEnabled: true,
    userType: 'Member',
  }));
  return {
    ...base,
    entra: {
      users: entraUsers,
      groups: [
        { id: '40000000-0000-4000-8000-000000000001', displayName: 'Everyone', members: entraUsers.map((u) => u.id) },
      ],
    },
    jira: {
      ...base.jira,
      users: [
        ...base.jira.users,
        ...entraUsers.map((u, n) => ({
          accountId: account(n),
          emailAddress: u.mail,
          displayName: u.displayName,
          active: true,
          accountType: 'atlassian' as const,
        })),
      ],
      groups: [],
    },
    settings: {
      ...base.settings,
      scope: { ...base.settings.scope, groupIds: ['40000000-0000-4000-8000-000000000001'], domains: [] },
      groups: { mapping: [], namePrefix: 'entra-', createMissing: true },
    },
  };
}

// Thousands of memberships through the bundle on the local runtime: minutes on a busy machine.
jest.setTimeout(120_000);

describe('apply fan-out over queue events', () => {
  const scenario = bigTenant(3000);

  it('applies a plan of several chunks in parts and ends with exactly the needed writes', async () => {
    const { report, events, run } = await runScenario(scenario, { limits: { applyBatchSize: 200 } });
    expect(report.status).toBe('succeeded');
    expect(report.jiraAfter.groups['entra-Everyone']).toHaveLength(3000);
    expect(report.calls.jiraWrites).toBe(3001);
    expect(report.changes.every((c) => c.result === 'applied')).toBe(true);
    // The run waited for its parts and collected them: one event for the main chain, one per part, one to collect.
    expect(run?.phaseTimings['apply-parts']).toBeDefined();
    expect(events).toBeGreaterThanOrEqual(5);
  });

  it('tolerates every event being delivered twice', async () => {
    const { report } = await runScenario(scenario, { limits: { applyBatchSize: 200 }, duplicateDelivery: true });
    expect(report.status).toBe('succeeded');
    expect(report.calls.jiraWrites).toBe(3001);
  });

  it('reads a managed group of 3,000 members (60 pages, over several units) and finds nothing to change', async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entra-sync-fanout-'));
    try {
      const first = await runScenario(scenario, { stateDir });
      expect(first.report.status).toBe('succeeded');
      const accountIds = new Map(scenario.jira.users.map((u) => [u.emailAddress, u.accountId]));
      const synced: Scenario = {
        ...scenario,
        jira: {
          ...scenario.jira,
          groups: Object.entries(first.report.jiraAfter.groups).map(([name, emails]) => ({
            name,
            members: emails.map((e) => accountIds.get(e) ?? e),
          })),
        },
      };
      const second = await runScenario(synced, { stateDir, limits: { stepBudgetMs: 0 } });
      expect(second.report.status).toBe('succeeded');
      expect(second.report.calls.jiraWrites).toBe(0);
      expect(second.report.changes).toEqual([]);
    } finally {
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
