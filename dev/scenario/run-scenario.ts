import type { startJiraSimulator } from '../sim/jira/jira-simulator';
import { DiskKeyValueStore } from '../host/disk-kv-store';
import type { VirtualClock } from '../host/virtual-clock';
import { startSimulatedApp } from './simulated-app';
import { applyTenantChanges } from '../sim/graph/tenant-changes';
import { runDetail } from '../../src/engine/run-report';
import { loadRun } from '../../src/engine/run-store';
import { startRun } from '../../src/engine/start-run';
import { configuredActor, engineDepsOf } from '../../src/engine/connect-run';
import type { EngineLimits } from '../../src/engine/engine-deps';
import { describeError } from '../../src/core/errors';
import { saveSettings } from '../../src/settings/settings-store';
import { validateSettings } from '../../src/settings/validate-settings';
import type { ChangeRow, RunSummary, UserRow } from '../../src/shared/resolver-contract';
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
  /** Full (default), incremental or auto (incremental when the stored state allows it). */
  kind?: 'full' | 'incremental' | 'auto';
  /** Deliver every event twice, as at-least-once delivery may. */
  duplicateDelivery?: boolean;
  /**
   * Runs in a row on the same simulators and storage (default 1); the scenario's
   * `entra.betweenRuns` changes are made between them, and runs after the first are `auto`
   * (incremental when the stored state allows). The report is the last run's.
   */
  runs?: number;
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
 * scenario, with the app's real code, and reports what happened.
 */
export async function runScenario(scenario: Scenario, options: ScenarioRunOptions = {}): Promise<ScenarioRunDetails> {
  const simulated = await startSimulatedApp(scenario, { limits: options.limits, ...(options.stateDir ? { kv: (clock: VirtualClock) => new DiskKeyValueStore(options.stateDir as string, clock) } : {}) });
  const { kv, deps, graph, jira } = simulated;
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
        const settings = validateSettings(scenario.settings);
        await saveSettings(kv, settings);
        const actor = configuredActor(settings);
        const kind = n === 1 ? (options.kind ?? 'full') : 'auto';
        runId = (await startRun(engineDepsOf(deps), { trigger: 'cli', mode: options.preview ? 'preview' : 'apply', kind, settings, actor })).summary.id;
      } catch (e) {
        error = describeError(e);
      }
      events = await simulated.drain({ max: options.maxEvents ?? 100_000, duplicate: options.duplicateDelivery, afterEach: (delivered) => options.onEvent?.({ delivered }) });
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
      calls: { graph: graph.graphRequestCount() - before.graph, jira: jira.requestCount() - before.jira, jiraWrites: jira.writeCount() - before.jiraWrites },
    };
    return { report, events, runId, run: run?.summary ?? null };
  } finally {
    await simulated.close();
  }
}

function jiraGroupsByEmail(jira: Awaited<ReturnType<typeof startJiraSimulator>>): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const group of [...jira.groups()].sort((a, b) => a.name.localeCompare(b.name))) {
    groups[group.name] = group.members.map((id) => jira.userEmail(id) ?? id).sort();
  }
  return groups;
}
