import type { RunMeasure } from './bench-env';

/** Sums two records of numbers key by key (request shapes, identities, budgets). */
function sumByKey<T extends Record<string, number>>(a: T, b: T): T {
  const out: Record<string, number> = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = (out[key] ?? 0) + value;
  return out as T;
}

/**
 * One measure for several runs that together make one drift-repair cycle: counts add up, maxima
 * stay maxima, the status is the first run's that did not succeed. Drift repair reads a catching-up
 * run's share only (at most twice the even share of the cycle's scheduled runs), so a cycle spans runs.
 */
export function combineMeasures(a: RunMeasure, b: RunMeasure): RunMeasure {
  const heapFromB = b.maxInvocationHeapMb > a.maxInvocationHeapMb;
  return {
    ...a,
    status: a.status === 'succeeded' ? b.status : a.status,
    error: a.error ?? b.error,
    wallMs: a.wallMs + b.wallMs,
    virtualSkippedMs: a.virtualSkippedMs + b.virtualSkippedMs,
    invocations: a.invocations + b.invocations,
    graphCalls: a.graphCalls + b.graphCalls,
    tokenCalls: a.tokenCalls + b.tokenCalls,
    jiraCalls: a.jiraCalls + b.jiraCalls,
    jiraWrites: a.jiraWrites + b.jiraWrites,
    longest: b.longest.ms > a.longest.ms ? b.longest : a.longest,
    maxGraphEgress: Math.max(a.maxGraphEgress, b.maxGraphEgress),
    maxJira: Math.max(a.maxJira, b.maxJira),
    peakRssMb: Math.max(a.peakRssMb, b.peakRssMb),
    maxInvocationHeapMb: heapFromB ? b.maxInvocationHeapMb : a.maxInvocationHeapMb,
    maxHeapWhere: heapFromB ? b.maxHeapWhere : a.maxHeapWhere,
    heapBaselineMb: heapFromB ? b.heapBaselineMb : a.heapBaselineMb,
    kvsKeys: b.kvsKeys,
    kvsBytes: b.kvsBytes,
    requests: sumByKey(a.requests, b.requests),
    jiraPoints: a.jiraPoints + b.jiraPoints,
    pointsByIdentity: sumByKey(a.pointsByIdentity, b.pointsByIdentity),
    kvs: {
      reads: a.kvs.reads + b.kvs.reads,
      writes: a.kvs.writes + b.kvs.writes,
      units: a.kvs.units + b.kvs.units,
      largestValue: Math.max(a.kvs.largestValue, b.kvs.largestValue),
    },
    peakKvsUnitsPerMinute: Math.max(a.peakKvsUnitsPerMinute, b.peakKvsUnitsPerMinute),
    events: a.events + b.events,
    impersonationTokens: a.impersonationTokens + b.impersonationTokens,
    egress: a.egress + b.egress,
    throttled: sumByKey(a.throttled, b.throttled),
    driftRepair:
      a.driftRepair && b.driftRepair
        ? { groups: a.driftRepair.groups + b.driftRepair.groups, of: b.driftRepair.of }
        : (a.driftRepair ?? b.driftRepair),
    driftPoints: a.driftPoints + b.driftPoints,
    jiraPoolRefusals: a.jiraPoolRefusals + b.jiraPoolRefusals,
  };
}
