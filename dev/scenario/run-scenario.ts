import type { startJiraSimulator } from '../sim/jira/jira-simulator';
import { DiskKeyValueStore } from '../host/disk-kv-store';
import type { VirtualClock } from '../host/virtual-clock';
import type { SimulatedApp } from './simulated-app';
import type { SimulatedAppOptions } from './simulated-app';
import { startSimulatedApp } from './simulated-app';
import { applyTenantChanges } from '../sim/graph/tenant-changes';
import type { EngineLimits } from '../../src/engine';
import { loadRun, runDetail, runIds } from '../../src/engine';
import type { ErrorCode } from '../../src/core/errors';
import { describeError, SyncError } from '../../src/core/errors';
import type { Settings } from '../../src/settings/schema';
import { saveSettings } from '../../src/settings/settings-store';
import { validateSettings } from '../../src/settings/validate-settings';
import type { ChangeRow, Envelope, RunSummary, UserRow } from '../../src/shared/resolver-contract';
import type { Scenario } from './scenario';

/** The report of `npm run sync` (design.md section 6): field names and values are a public contract. */
export interface ScenarioReport {
  status: 'succeeded' | 'failed' | 'needs-approval' | 'previewed';
  error: { code: string; message: string } | null;
  changes: ChangeRow[];
  users: UserRow[];
  jiraAfter: { groups: Record<string, string[]> };
  calls: { graph: number; jira: number; jiraWrites: number };
}

export interface ScenarioRunOptions {
  preview?: boolean;
  /** Keep the app's storage here between runs (e.g. a second run that must make no writes). */
  stateDir?: string;
  limits?: Partial<EngineLimits>;
  /** Called after each delivered event; tests use it to interrupt and resume. */
  onEvent?: (info: { delivered: number }) => void | Promise<void>;
  /** Upper bound on events delivered, so a bug cannot loop forever. */
  maxEvents?: number;
  /** Deliver every event twice, as at-least-once delivery may. */
  duplicateDelivery?: boolean;
  /**
   * Runs in a row on the same simulators and storage (default 1); the scenario's
   * `entra.betweenRuns` changes are made between them; each run is started by the scheduled
   * trigger (incremental when the stored state allows). The report is the last run's.
   */
  runs?: number;
  /** Forge's budgets in the runtime (enforced by default; smaller limits reach them with a small tenant). */
  budgets?: SimulatedAppOptions['budgets'];
  /** Jira simulator options: points pools (enforced quota), burst limits. */
  jira?: SimulatedAppOptions['jira'];
}

export interface ScenarioRunDetails {
  report: ScenarioReport;
  events: number;
  runId: string | null;
  /** The run as the admin page sees it (phases, timings, warnings). */
  run: RunSummary | null;
}

/**
 * Runs one complete sync (every step and continuation) against simulators seeded from the
 * scenario, with the deployed bundle on the local Forge runtime, and reports what happened.
 */
export async function runScenario(scenario: Scenario, options: ScenarioRunOptions = {}): Promise<ScenarioRunDetails> {
  const simulated = await startSimulatedApp(scenario, {
    limits: options.limits,
    budgets: options.budgets,
    jira: options.jira,
    ...(options.stateDir
      ? { kv: (clock: VirtualClock) => new DiskKeyValueStore(options.stateDir as string, clock) }
      : {}),
  });
  const { kv, graph, jira } = simulated;
  try {
    let runId: string | null = null;
    let error: { code: string; message: string } | null = null;
    let events = 0;
    let before = { graph: 0, jira: 0, jiraWrites: 0 };
    const runs = Math.max(1, options.runs ?? 1);
    for (let n = 1; n <= runs; n++) {
      if (n > 1) applyTenantChanges(graph, scenario.entra.betweenRuns ?? [], n - 1);
      before = { graph: graph.graphRequestCount(), jira: jira.requestCount(), jiraWrites: jira.writeCount() };
      runId = null;
      error = null;
      try {
        runId = await startThroughHandlers(simulated, scenario, options.preview === true);
      } catch (e) {
        error = describeError(e);
      }
      events = await simulated.drain({
        max: options.maxEvents ?? 100_000,
        duplicate: options.duplicateDelivery,
        afterEach: (delivered) => options.onEvent?.({ delivered }),
      });
    }

    const run = runId ? await loadRun(kv, runId) : undefined;
    const detail = run ? await runDetail(kv, run) : null;
    const status = detail?.status;
    const report: ScenarioReport = {
      status: status === 'succeeded' || status === 'needs-approval' || status === 'previewed' ? status : 'failed',
      error: detail?.error ?? error ?? (detail ? null : { code: 'internal-error', message: 'The run did not start.' }),
      changes: detail?.changes ?? [],
      users: detail?.users ?? [],
      jiraAfter: { groups: jiraGroupsByEmail(jira) },
      // The last run's calls (all of them for a single run).
      calls: {
        graph: graph.graphRequestCount() - before.graph,
        jira: jira.requestCount() - before.jira,
        jiraWrites: jira.writeCount() - before.jiraWrites,
      },
    };
    return { report, events, runId, run: run?.summary ?? null };
  } finally {
    await simulated.close();
  }
}

/**
 * Starts the run as Forge would, through the bundle's handlers: a preview is the page's Preview
 * (by a site admin); a sync is the scheduled trigger, which writes as the configured identity.
 * The scenario's settings are stored with an hourly schedule, and the trigger fires every five
 * virtual minutes until the run is due.
 */
async function startThroughHandlers(simulated: SimulatedApp, scenario: Scenario, preview: boolean): Promise<string> {
  const settings = validateSettings(scenario.settings);
  if (preview) {
    await saveSettings(simulated.kv, settings);
    const admin =
      scenario.jira.siteAdmins[0] ?? (settings.writeAs.mode === 'runAsAdmin' ? settings.writeAs.accountId : undefined);
    const answer = (await simulated.app.resolve('preview', {}, { accountId: admin })) as Envelope<RunSummary>;
    if (!answer.ok) throw new SyncError(answer.error.code as ErrorCode, answer.error.message);
    return answer.data.id;
  }
  await saveSettings(simulated.kv, { ...settings, schedule: { enabled: true, interval: '1h' } } as Settings);
  for (let tick = 0; tick < 24 * 12; tick++) {
    const outcome = await simulated.app.onScheduledTick();
    if (outcome === 'started') return (await runIds(simulated.kv))[0] as string;
    if (outcome !== 'not-due') throw new Error(`The scheduled trigger did not start a run: ${outcome}.`);
    simulated.clock.advance(5 * 60_000);
  }
  throw new Error('The scheduled trigger did not start a run within a day.');
}
function jiraGroupsByEmail(jira: Awaited<ReturnType<typeof startJiraSimulator>>): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const group of [...jira.groups()].sort((a, b) => a.name.localeCompare(b.name))) {
    groups[group.name] = group.members.map((id) => jira.userEmail(id) ?? id).sort();
  }
  return groups;
}
