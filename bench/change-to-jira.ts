import path from 'node:path';
import type { LocalHost } from '../dev/host/local-host';
import { startLocalHost } from '../dev/host/local-host';
import { STORAGE_KEYS } from '../src/engine';
import type { RunSummary } from '../src/shared/resolver-contract';
import { Prng } from './prng';
import { writeBetweenMarkers } from './report';
import { BENCH_ADMIN, generateTenant, groupsFor, NAME_PREFIX } from './tenant-generator';

/**
 * `npm run bench:change -- [--sizes 1k,10k] [--changes 10] [--debounce 3] [--graph-delay-ms 0] [--no-write]`
 * "Entra change → Jira": one user joins a nested Entra group; how long until the Jira group has
 * them, in real time on the local host (Graph simulator delivering notifications to the web
 * trigger, the queue delivering events), with near-real-time updates on and off.
 */
interface Sample {
  latencyMs: number;
  graph: number;
  jira: number;
}

// Forge's fastest schedule: the tick runs every five minutes.
const TICK_MS = 300_000;
const caller = { accountId: BENCH_ADMIN };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}.`);
    await sleep(50);
  }
}

async function idle(host: LocalHost): Promise<void> {
  await until(
    async () => {
      const lease = await host.kv.get<{ expiresAt: number; runId: string }>(STORAGE_KEYS.runLock);
      const pending = await host.kv.get(STORAGE_KEYS.pendingChanges);
      return !lease && !pending && host.queue.pending.length === 0;
    },
    600_000,
    'the host to go idle',
  );
}

/** Users who can be added to a synced tree: enabled members in Jira by a visible email, with the group path to add them to. */
function candidates(
  host: LocalHost,
  scenario: ReturnType<typeof generateTenant>['scenario'],
  count: number,
  seed: number,
) {
  const prng = new Prng(seed);
  const roots = (scenario.settings.scope as { groupIds: string[] }).groupIds;
  const byId = new Map(scenario.entra.groups.map((g) => [g.id, g]));
  const rootOf = new Map<string, string>();
  const walk = (root: string, id: string) => {
    rootOf.set(id, root);
    for (const m of byId.get(id)?.members ?? []) if (byId.has(m) && !rootOf.has(m)) walk(root, m);
  };
  for (const root of roots) walk(root, root);
  const nested = [...rootOf.keys()].filter((id) => !roots.includes(id));
  const accounts = new Map(scenario.jira.users.filter((u) => !u.emailHidden).map((u) => [u.emailAddress, u.accountId]));
  const picked: Array<{ userId: string; accountId: string; groupId: string; jiraGroup: string }> = [];
  const users = scenario.entra.users.filter(
    (u) => u.userType === 'Member' && u.accountEnabled && u.mail && accounts.has(u.mail),
  );
  while (picked.length < count) {
    const user = users[prng.int(users.length)]!;
    const groupId = nested[prng.int(nested.length)]!;
    const jiraGroup = `${NAME_PREFIX}${byId.get(rootOf.get(groupId)!)!.displayName}`;
    const members = host.jira!.groups().find((g) => g.name === jiraGroup)?.members ?? [];
    const accountId = accounts.get(user.mail!)!;
    if (!members.includes(accountId) && !picked.some((p) => p.userId === user.id))
      picked.push({ userId: user.id, accountId, groupId, jiraGroup });
  }
  return picked;
}

async function measureChange(
  host: LocalHost,
  change: { userId: string; accountId: string; groupId: string; jiraGroup: string },
  kick: () => Promise<void>,
): Promise<Sample> {
  const graph0 = host.graph!.graphRequestCount();
  const jira0 = host.jira!.requestCount();
  const t0 = Date.now();
  host.graph!.addMember(change.groupId, change.userId);
  await kick();
  await until(
    () =>
      host
        .jira!.groups()
        .find((g) => g.name === change.jiraGroup)
        ?.members.includes(change.accountId) ?? false,
    600_000,
    'the change to reach Jira',
  );
  const latencyMs = Date.now() - t0;
  await idle(host);
  return { latencyMs, graph: host.graph!.graphRequestCount() - graph0, jira: host.jira!.requestCount() - jira0 };
}

async function saveSwitch(host: LocalHost, enabled: boolean): Promise<void> {
  const view = (await host.app.resolve('getSettings', {}, caller)) as {
    ok: true;
    data: { settings: Record<string, unknown> };
  };
  const saved = await host.app.resolve(
    'saveSettings',
    { settings: { ...view.data.settings, notifications: { enabled } } },
    caller,
  );
  if (!saved.ok) throw new Error('Saving the switch failed.');
  await host.app.onScheduledTick();
  await idle(host);
}

export async function measureSize(
  users: number,
  changes: number,
  debounceSeconds: number,
  graphDelayMs: number,
  seed: number,
  log: (line: string) => void,
) {
  const { scenario } = generateTenant({ users, groups: groupsFor(users), seed });
  scenario.entra.app = { roles: ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All'] };
  scenario.settings = {
    ...scenario.settings,
    schedule: { enabled: true, interval: '5m' },
    notifications: { enabled: false },
  };
  const host = await startLocalHost({
    scenario,
    port: 0,
    tickMs: 24 * 3_600_000,
    notificationDebounceSeconds: debounceSeconds,
    distDir: path.resolve(__dirname, '../static/admin/dist'),
  });
  // Graph's own delivery latency for users and groups is undocumented; the simulator adds this much.
  host.graph!.subscriptions.delivery.options.delayMs = graphDelayMs;
  try {
    const first = (await host.app.resolve('syncNow', {}, caller)) as { ok: true; data: RunSummary };
    if (!first.ok) throw new Error('The first sync did not start.');
    await idle(host);
    log(`${users} users: first full sync done`);
    const picked = candidates(host, scenario, changes * 2, seed);
    await saveSwitch(host, true);
    const on: Sample[] = [];
    for (const change of picked.slice(0, changes)) on.push(await measureChange(host, change, async () => undefined));
    log(`${users} users: notifications on measured`);
    await saveSwitch(host, false);
    // Off: the change waits for the next five-minute tick (arrival uniform over the tick period, modelled),
    // then a scheduled incremental run brings it over (measured from the tick).
    const prng = new Prng(seed + 1);
    const off: Sample[] = [];
    for (const change of picked.slice(changes)) {
      await host.kv.set(STORAGE_KEYS.lastScheduledStart, 0);
      const sample = await measureChange(host, change, async () => void (await host.app.onScheduledTick()));
      off.push({ ...sample, latencyMs: sample.latencyMs + prng.next() * TICK_MS });
    }
    return { users, on, off };
  } finally {
    await host.stop();
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export function changeTable(
  results: Awaited<ReturnType<typeof measureSize>>[],
  debounceSeconds: number,
  graphDelayMs: number,
): string {
  const lines = [
    '| users | near-real-time updates | changes | p50 s | p95 s | Graph calls / change | Jira calls / change | how the latency was taken |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    for (const [label, samples, how] of [
      [
        'on',
        r.on,
        `measured: simulated Graph delivers to the web trigger after ${graphDelayMs / 1000} s, ${debounceSeconds} s debounce, incremental run`,
      ],
      ['off', r.off, 'schedule every 5 min: wait for the tick modelled (uniform 0–300 s) + measured tick-to-Jira'],
    ] as const) {
      const ms = samples.map((s) => s.latencyMs);
      lines.push(
        `| ${r.users.toLocaleString('en-US')} | ${label} | ${samples.length} | ${(percentile(ms, 50) / 1000).toFixed(1)} | ${(percentile(ms, 95) / 1000).toFixed(1)} | ${mean(samples.map((s) => s.graph)).toFixed(1)} | ${mean(samples.map((s) => s.jira)).toFixed(1)} | ${how} |`,
      );
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const sizes = (value('--sizes') ?? '1k,10k')
    .split(',')
    .map((s) => Math.round(Number(s.replace(/k$/i, '')) * (/k$/i.test(s) ? 1000 : 1)));
  const changes = Number(value('--changes') ?? 10);
  const debounce = Number(value('--debounce') ?? 3);
  const graphDelayMs = Number(value('--graph-delay-ms') ?? 0);
  const results = [];
  for (const users of sizes)
    results.push(await measureSize(users, changes, debounce, graphDelayMs, 7, (line) => console.error(line)));
  const table = changeTable(results, debounce, graphDelayMs);
  console.log(table);
  if (!argv.includes('--no-write'))
    writeBetweenMarkers(
      path.resolve(__dirname, '../BENCHMARKS.md'),
      'bench-change',
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, loopback simulators, no added latency.\n\nCommand: \`npm run bench:change -- --sizes ${value('--sizes') ?? '1k,10k'} --changes ${changes} --debounce ${debounce} --graph-delay-ms ${graphDelayMs}\`\n\n${table}`,
    );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  });
}
