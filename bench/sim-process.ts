import { startGraphSimulator } from '../dev/sim/graph/graph-simulator';
import { startJiraSimulator } from '../dev/sim/jira/jira-simulator';
import { PointsPool } from '../dev/sim/jira/points-quota';
import type { SimProcessConfig, SimRequestMessage } from './remote-sims';
import { generateTenant, groupsFor, TENANT_PRESETS } from './tenant-generator';

/**
 * The Graph and Jira simulators of one benchmark size in a process of their own, so the
 * benchmark's process holds only the Forge runtime and what one invocation allocates. Seeded
 * from the same generated tenant (same seed) as the benchmark; answers calls over IPC.
 */
async function main(): Promise<void> {
  process.on('SIGTERM', () => process.exit(0));
  const config = JSON.parse(process.argv[2] ?? '{}') as SimProcessConfig;
  const { scenario } = generateTenant({
    ...TENANT_PRESETS[config.preset],
    users: config.users,
    groups: groupsFor(config.users),
    seed: config.seed,
  });
  const graph = await startGraphSimulator(scenario, { latencyMs: config.latency?.graphMs });
  // With the pool enforced, Jira's hour is the app's (virtual) time, which the benchmark sets before each invocation.
  let appNow = Date.now();
  const jira = await startJiraSimulator(scenario, {
    latencyMs: config.latency?.jiraMs,
    burstLimitPerSecond: config.latency?.burstPerSecond,
    ...(config.jiraPoolPointsPerHour === undefined
      ? {}
      : { now: () => appNow, pointsQuota: { pool: new PointsPool(config.jiraPoolPointsPerHour, 1), enforced: true } }),
  });
  const clock = {
    setNow: (ms: number) => {
      appNow = ms;
    },
  };
  const targets: Record<string, Record<string, unknown>> = {
    graph: graph as unknown as Record<string, unknown>,
    jira: jira as unknown as Record<string, unknown>,
    clock,
  };
  process.on('message', (message: SimRequestMessage) => {
    void (async () => {
      try {
        const target = targets[message.target];
        const method = target?.[message.method];
        if (typeof method !== 'function') throw new Error(`No ${message.target}.${message.method}`);
        const value: unknown = await (method as (...args: unknown[]) => unknown).apply(target, message.args);
        process.send?.({ id: message.id, value });
      } catch (error) {
        process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  process.send?.({ id: 0, value: { graphUrl: graph.url, jiraUrl: jira.url } });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
