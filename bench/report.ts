import fs from 'node:fs';
import type { BenchRow, SizeResult } from './run-size';

/** Forge limits each invocation is checked against (forge-platform.md §3.3, §7). */
export const FORGE = {
  timeoutMs: 900_000,
  egressPerMinute: 100,
  chainInvocations: 1000,
  memoryDefaultMb: 512,
  memoryMaxMb: 1024,
};

const fmt = (n: number): string => n.toLocaleString('en-US');
const ratio = (actual: number, bound: number): string =>
  bound > 0 ? `${(actual / bound).toFixed(2)}×` : actual === 0 ? '=' : '∞';
const heapMb = (mb: number): string => (mb >= 10 ? fmt(Math.round(mb)) : mb.toFixed(1));
const seconds = (ms: number): string => (ms >= 10_000 ? (ms / 1000).toFixed(0) : (ms / 1000).toFixed(1));

/** Egress per runtime-minute of an invocation (a run shorter than a minute counts as one minute). */
export function egressPerMinute(row: BenchRow): number {
  return row.measure.longest.graphEgress / Math.max(1, row.measure.longest.ms / 60_000);
}

export function forgeVerdict(row: BenchRow): string {
  const m = row.measure;
  const problems: string[] = [];
  if (m.longest.ms > FORGE.timeoutMs) problems.push('over 900 s');
  if (m.maxGraphEgress > FORGE.egressPerMinute && egressPerMinute(row) > FORGE.egressPerMinute)
    problems.push('egress > 100/min');
  if (m.invocations > FORGE.chainInvocations) problems.push('> 1000 chained events');
  if (m.maxInvocationHeapMb > FORGE.memoryMaxMb) problems.push('heap > 1,024 MB');
  else if (m.maxInvocationHeapMb > FORGE.memoryDefaultMb) problems.push('heap > 512 MB (needs the memory raised)');
  return problems.length ? `**no**: ${problems.join(', ')}` : 'yes';
}

/** Requests Forge's budgets throttled (the engine waited them out), when any were. */
function throttledNote(throttled: BenchRow['measure']['throttled']): string {
  const parts = Object.entries(throttled)
    .filter(([, n]) => n > 0)
    .map(([budget, n]) => `${budget} ${fmt(n)}`);
  return parts.length ? `throttled by Forge's budgets: ${parts.join(', ')}` : '';
}

export function markdownTable(results: SizeResult[], latency: boolean): string {
  const head = [
    'users / groups (synced)',
    'run',
    'status',
    'Graph calls / bound',
    'Jira reads / bound',
    'Jira writes / needed',
    'wall s',
    ...(latency ? ['lower-bound s'] : []),
    'invocation heap MB (max)',
    'process RSS MB',
    'KVS MB after',
    'Jira points, Tier-1 pool (app + impersonated; API token exempt)',
    'KVS units (reads / writes, largest value KB, most in a minute)',
    'events',
    'egress (max in an invocation)',
    'invocations',
    'longest invocation: s, Graph egress, Jira req',
    'inside Forge limits',
    'notes',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const result of results) {
    for (const row of result.rows) {
      const m = row.measure;
      const reads = m.jiraCalls - m.jiraWrites;
      const cells = [
        `${fmt(row.users)} / ${fmt(row.groups)} (${fmt(row.syncedGroups)})`,
        row.run,
        m.status + (row.residual ? ` (Jira still ${fmt(row.residual)} off)` : ''),
        `${fmt(m.graphCalls)} / ${fmt(row.bounds.graph)} (${ratio(m.graphCalls, row.bounds.graph)})`,
        `${fmt(reads)} / ${fmt(row.bounds.jiraReads)} (${ratio(reads, row.bounds.jiraReads)})`,
        `${fmt(m.jiraWrites)} / ${fmt(row.needed.total)}${m.jiraWrites === row.needed.total ? '' : ' **≠**'}`,
        seconds(m.wallMs),
        ...(latency ? [row.boundTimeMs === null ? '—' : seconds(row.boundTimeMs)] : []),
        m.gcBeforeInvocation ? heapMb(m.maxInvocationHeapMb) : `${heapMb(m.maxInvocationHeapMb)} (no GC)`,
        fmt(m.peakRssMb),
        (m.kvsBytes / 1_048_576).toFixed(1),
        `${fmt(m.jiraPoints)} (${fmt(m.pointsByIdentity.app)} + ${fmt(m.pointsByIdentity.impersonatedUser)})`,
        `${fmt(m.kvs.units)} (${fmt(m.kvs.reads)} / ${fmt(m.kvs.writes)}, ${fmt(Math.ceil(m.kvs.largestValue / 1024))}, ${fmt(m.peakKvsUnitsPerMinute)})`,
        fmt(m.events),
        `${fmt(m.egress)} (${fmt(m.maxGraphEgress)})`,
        fmt(m.invocations),
        `${seconds(m.longest.ms)}, ${fmt(m.longest.graphEgress)}, ${fmt(m.longest.jira)} (max ${fmt(m.maxGraphEgress)} egress, ${fmt(m.maxJira)} Jira)`,
        forgeVerdict(row),
        [row.note, throttledNote(m.throttled), m.error ?? ''].filter(Boolean).join('; '),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** Jira's Tier-1 pool: 65,000 points an hour per app, shared by every site it is installed on (jira-api.md §6). */
export const TIER1_POINTS_PER_HOUR = 65_000;
/** The day the budget table prices: hourly incremental runs (one of them with the churn) and one full reconcile. */
const INCREMENTAL_RUNS_PER_DAY = 24;
const KVS_UNITS_PER_DAY = 4000 * 60 * 24;

/**
 * A day of each size on the budgets: points and KVS units of 23 no-change runs and one churn run,
 * with and without the daily full reconcile, and how many such sites the app's Tier-1 pool serves.
 */
export function budgetTable(results: SizeResult[]): string {
  const head = [
    'users',
    'incremental day: Jira points',
    'incremental day: KVS units (% of the day)',
    'full reconcile: points',
    'day with one full: points',
    'sites on the Tier-1 pool (incremental only / with daily full)',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const result of results) {
    const [, noChange, churn, full] = result.rows;
    if (!noChange || !churn || !full) continue;
    const points = (INCREMENTAL_RUNS_PER_DAY - 1) * noChange.measure.jiraPoints + churn.measure.jiraPoints;
    const units = (INCREMENTAL_RUNS_PER_DAY - 1) * noChange.measure.kvs.units + churn.measure.kvs.units;
    const withFull = points + full.measure.jiraPoints;
    const pool = TIER1_POINTS_PER_HOUR * 24;
    const sites = (p: number) => (p === 0 ? '∞' : fmt(Math.floor(pool / p)));
    lines.push(
      `| ${fmt(noChange.users)} | ${fmt(points)} | ${fmt(units)} (${((100 * units) / KVS_UNITS_PER_DAY).toFixed(2)} %) | ${fmt(full.measure.jiraPoints)} | ${fmt(withFull)} | ${sites(points)} / ${sites(withFull)} |`,
    );
  }
  return lines.join('\n');
}

/** The day table under the runs' table, when some size ran every run it prices. */
export function dayLines(results: SizeResult[]): string[] {
  if (!results.some((r) => r.rows.length >= 4)) return [];
  return [
    '',
    'A day on the budgets (hourly incremental runs, one with the 1 % churn, plus the daily full reconcile):',
    '',
    budgetTable(results),
  ];
}

/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` in the file. */
export function writeBetweenMarkers(file: string, name: string, content: string): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const block = `${start}\n${content}\n${end}`;
  const next =
    from >= 0 && to > from ? text.slice(0, from) + block + text.slice(to + end.length) : `${text}\n${block}\n`;
  fs.writeFileSync(file, next);
}
