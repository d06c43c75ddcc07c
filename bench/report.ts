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

/** The drift-repair slice an incremental run read (its share of the cycle), with its points. */
function driftNote(m: BenchRow['measure']): string {
  if (!m.driftRepair || m.driftRepair.groups === 0) return '';
  const partial = m.driftRepair.groups < m.driftRepair.of ? '; its reads are not in the Jira bound' : '';
  return `drift repair read ${fmt(m.driftRepair.groups)} of ${fmt(m.driftRepair.of)} managed groups (${fmt(m.driftPoints)} points)${partial}`;
}

/** Where the largest invocation heap was, when it is over Forge's default memory. */
function heapNote(m: BenchRow['measure']): string {
  return m.maxInvocationHeapMb > FORGE.memoryDefaultMb && m.maxHeapWhere ? `largest heap in ${m.maxHeapWhere}` : '';
}

/** Requests Forge's budgets throttled (the engine waited them out), when any were. */
function throttledNote(throttled: BenchRow['measure']['throttled']): string {
  const parts = Object.entries(throttled)
    .filter(([, n]) => n > 0)
    .map(([budget, n]) => `${budget} ${fmt(n)}`);
  return parts.length ? `throttled by Forge's budgets: ${parts.join(', ')}` : '';
}

/** With the Jira pool enforced: what it refused and how long the run took on the app's clock, waits included. */
function poolNote(m: BenchRow['measure']): string {
  if (m.jiraPoolRefusals === 0) return '';
  const hours = (m.wallMs + m.virtualSkippedMs) / 3_600_000;
  return `Jira's Tier-1 pool refused ${fmt(m.jiraPoolRefusals)} requests (429 to the top of the hour) and the engine waited: the run took ${hours.toFixed(1)} h of the app's clock`;
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
      // Requests the enforced pool refused were neither read nor written (the note counts them).
      const reads = m.jiraCalls - m.jiraWrites - m.jiraPoolRefusals;
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
        [row.note, driftNote(m), heapNote(m), throttledNote(m.throttled), poolNote(m), m.error ?? '']
          .filter(Boolean)
          .join('; '),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** Jira's Tier-1 pool: 65,000 points an hour per app, shared by every site it is installed on (jira-api.md §6). */
export const TIER1_POINTS_PER_HOUR = 65_000;
/** The day the budget table prices: hourly incremental runs, one of them with the churn, plus drift repair's share. */
const INCREMENTAL_RUNS_PER_DAY = 24;
const KVS_UNITS_PER_DAY = 4000 * 60 * 24;
const DAY_MS = 86_400_000;

/** What one day of a size costs, from its measured rows. */
export interface DayCost {
  users: number;
  incremental: { points: number; units: number };
  /** One whole cycle of drift repair (every managed group read once), and the cycle's days. */
  cycle: { points: number; units: number; days: number };
  day: { points: number; units: number };
  fullPoints: number | null;
}

/**
 * A day: 23 no-change runs and one churn run (points without any drift slice they read), plus
 * drift repair's share: what the drift-repair row's runs cost beyond as many no-change runs (its
 * group reads, and the searches, identity checks and target lookups that come with them), scaled
 * to a whole cycle (it read `groups` of `of` managed groups), over the cycle's days. Null when the
 * size did not run those rows.
 */
export function dayCost(result: SizeResult): DayCost | null {
  const row = (name: string) => result.rows.find((r) => r.run === name);
  const [noChange, churn, drift] = [row('no-change rerun'), row('1% churn'), row('drift repair')];
  const read = drift?.measure.driftRepair;
  if (!noChange || !churn || !drift?.cycleMs || !read || read.groups === 0) return null;
  // A run's drift slice is counted in the cycle's share, not in the run's.
  const own = (m: BenchRow['measure']): number => m.jiraPoints - m.driftPoints;
  const incremental = {
    points: (INCREMENTAL_RUNS_PER_DAY - 1) * own(noChange.measure) + own(churn.measure),
    units: (INCREMENTAL_RUNS_PER_DAY - 1) * noChange.measure.kvs.units + churn.measure.kvs.units,
  };
  const scale = read.of / read.groups;
  // The cycle's runs are also hourly runs of the day: only what they cost beyond no-change runs is drift repair's.
  const runs = drift.cycleRuns ?? 1;
  const beyond = (total: number, quiet: number): number => Math.max(0, total - runs * quiet);
  // Its writes (1 point each) repair the drift made by hand: that drift's cost, not the cycle's.
  const reads = drift.measure.jiraPoints - drift.measure.jiraWrites;
  const cycle = {
    points: Math.round(beyond(reads, own(noChange.measure)) * scale),
    units: Math.round(beyond(drift.measure.kvs.units, noChange.measure.kvs.units) * scale),
    days: drift.cycleMs / DAY_MS,
  };
  return {
    users: noChange.users,
    incremental,
    cycle,
    day: {
      points: Math.round(incremental.points + cycle.points / cycle.days),
      units: Math.round(incremental.units + cycle.units / cycle.days),
    },
    fullPoints: row('drift + full reconcile')?.measure.jiraPoints ?? null,
  };
}

const kvsShare = (units: number): string => `${fmt(units)} (${((100 * units) / KVS_UNITS_PER_DAY).toFixed(2)} %)`;
const sitesOnTier1 = (points: number): string =>
  points === 0 ? '∞' : fmt(Math.floor((TIER1_POINTS_PER_HOUR * 24) / points));
const cycleName = (days: number): string => (days === 1 ? 'daily' : days === 7 ? 'weekly' : `${days} days`);

/** A day of each size on the budgets, and how many such sites the app's Tier-1 pool serves. */
export function budgetTable(results: SizeResult[]): string {
  const head = [
    'users',
    'incremental day: Jira points',
    'incremental day: KVS units (% of the day)',
    'drift repair, one cycle: points, KVS units (cycle)',
    'day with drift repair: points',
    'day with drift repair: KVS units (% of the day)',
    'full reconcile (Sync now): points',
    'sites on the Tier-1 pool (incremental only / with drift repair)',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const cost of results.map(dayCost)) {
    if (!cost) continue;
    const cells = [
      fmt(cost.users),
      fmt(cost.incremental.points),
      kvsShare(cost.incremental.units),
      `${fmt(cost.cycle.points)}, ${fmt(cost.cycle.units)} (${cycleName(cost.cycle.days)})`,
      fmt(cost.day.points),
      kvsShare(cost.day.units),
      cost.fullPoints === null ? '—' : fmt(cost.fullPoints),
      `${sitesOnTier1(cost.incremental.points)} / ${sitesOnTier1(cost.day.points)}`,
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The day table under the runs' table, when some size ran every run it prices. */
export function dayLines(results: SizeResult[]): string[] {
  if (!results.some((r) => dayCost(r) !== null)) return [];
  return [
    '',
    "A day on the budgets: 24 hourly incremental runs (23 with nothing changed, one with the 1 % churn) plus drift repair's share. The drift-repair row's runs (hourly, after the clock moved on one cycle) read every managed group once, a whole cycle (`auto`: weekly, as the write identity's reads cost points), so a day carries its points and KVS units over the cycle's days. The full reconcile is no longer daily (Sync now, a scope change); its points are shown apart.",
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
