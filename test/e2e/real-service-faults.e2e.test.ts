import { runScenario } from '../../dev/scenario/run-scenario';
import type { Scenario } from '../../dev/scenario/scenario';
import { scenarioFile } from '../helpers';

describe('real-service paging faults, end to end', () => {
  it('reads Jira accounts past short pages and restarts a Graph list whose paging link expired, with the demo result', async () => {
    const demo = await runScenario(scenarioFile('demo'));
    const faulty = await runScenario(scenarioFile('real-service-paging'));
    // Before: the short users/search page ended the account read (accounts "not in Jira", their
    // memberships planned as removals) and the expired page token failed the run as graph-bad-request.
    expect(faulty.report.error).toBeNull();
    expect(faulty.report.status).toBe('succeeded');
    expect(faulty.report.changes).toEqual(demo.report.changes);
    expect(faulty.report.users).toEqual(demo.report.users);
    expect(faulty.report.jiraAfter).toEqual(demo.report.jiraAfter);
    expect(faulty.run?.warnings).toEqual(
      expect.arrayContaining([expect.stringContaining('Directory_ExpiredPageToken')]),
    );
    expect(demo.run?.warnings.some((w) => w.includes('Directory_ExpiredPageToken'))).toBe(false);
  });

  it('fails the run, planning nothing, when the paging link keeps expiring', async () => {
    const base = scenarioFile('real-service-paging');
    const tm = '/v1.0/groups/10000000-0000-4000-8000-000000000001/transitiveMembers';
    const expired = {
      error: {
        code: 'Directory_ExpiredPageToken',
        message: 'The specified page token value has expired and can no longer be included in your request.',
      },
    };
    // Every first page is short and every second page has expired: the restarts are bounded.
    const faults: Scenario['faults'] = [];
    for (let i = 0; i < 10; i++)
      faults.push(
        { service: 'graph', path: tm, after: 2 * i, shortPage: 2 },
        { service: 'graph', path: tm, after: 2 * i + 1, status: 400, body: expired },
      );
    const { report } = await runScenario({ ...base, faults });
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('graph-page-token-expired');
    expect(report.changes).toEqual([]);
    expect(report.calls.jiraWrites).toBe(0);
  });
});

describe('soft delete and restore between runs', () => {
  const carol = (report: { changes: Array<{ op: string; group: string; email: string | null; result: string }> }) =>
    report.changes.map(({ op, group, email, result }) => `${op} ${group} ${email} ${result}`);

  it('removes the managed membership of a soft-deleted user in the next incremental run', async () => {
    const { report, run } = await runScenario(scenarioFile('soft-delete-restore'), { runs: 2 });
    expect(run?.kind).toBe('incremental');
    expect(report.status).toBe('succeeded');
    expect(carol(report)).toEqual(['removeMember entra-Engineering carol@contoso.com applied']);
    expect(report.jiraAfter.groups['entra-Engineering']).not.toContain('carol@contoso.com');
  });

  it('adds the membership back when the user is restored', async () => {
    const { report, run } = await runScenario(scenarioFile('soft-delete-restore'), { runs: 3 });
    expect(run?.kind).toBe('incremental');
    expect(report.status).toBe('succeeded');
    expect(carol(report)).toEqual(['addMember entra-Engineering carol@contoso.com applied']);
    expect(report.jiraAfter.groups['entra-Engineering']).toContain('carol@contoso.com');
    expect(report.calls.jiraWrites).toBe(1);
  });
});
