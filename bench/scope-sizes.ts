import path from 'node:path';
import type { Scenario } from '../dev/scenario/scenario';
import { TIER1_POINTS_PER_HOUR } from '../dev/sim/jira/points-quota';
import { parseSize } from './main';
import { expectedState, neededChanges } from './reference';
import { writeBetweenMarkers } from './report';
import { generateTenant, groupsFor, rootCount, TENANT_PRESETS } from './tenant-generator';

/**
 * `npx tsx bench/scope-sizes.ts [--sizes 10k,100k,250k] [--seed 7] [--no-write]`: what a first sync
 * of the `realistic` preset must write, computed from the reference (nothing is run), for the
 * groups the admin syncs and for the old shape that synced every root. Written into BENCHMARKS.md.
 */
const TIER2_MAX_POINTS_PER_HOUR = 500_000;
const fmt = (n: number): string => n.toLocaleString('en-US');
const hours = (points: number, perHour: number): string => (points / perHour).toFixed(1);

interface ScopeLine {
  users: number;
  synced: number;
  creates: number;
  adds: number;
  perUser: { median: number; p90: number; max: number };
}

function scopeLine(scenario: Scenario, users: number): ScopeLine {
  const expected = expectedState(scenario);
  const needed = neededChanges(expected, []);
  const counts = [...expected.userRoots.values()].map((roots) => roots.length).sort((a, b) => a - b);
  const at = (share: number): number => counts[Math.min(counts.length - 1, Math.floor(counts.length * share))] ?? 0;
  return {
    users,
    synced: scenario.settings.scope.groupIds?.length ?? 0,
    creates: needed.creates,
    adds: needed.adds,
    perUser: { median: at(0.5), p90: at(0.9), max: counts[counts.length - 1] ?? 0 },
  };
}

function row(line: ScopeLine, what: string): string {
  // One point a write (a group created, a membership added): a lower bound on the first sync's points.
  const points = line.creates + line.adds;
  return `| ${fmt(line.users)} | ${what} | ${fmt(line.synced)} | ${fmt(line.adds)} | ${line.perUser.median} / ${line.perUser.p90} / ${line.perUser.max} | ${fmt(points)} | ${hours(points, TIER1_POINTS_PER_HOUR)} | ${hours(points, TIER2_MAX_POINTS_PER_HOUR)} |`;
}

function main(): void {
  const argv = process.argv.slice(2);
  const value = (name: string): string | undefined => argv[argv.indexOf(name) + 1];
  const sizes = (argv.includes('--sizes') ? (value('--sizes') as string) : '10k,100k,250k').split(',').map(parseSize);
  const seed = Number(argv.includes('--seed') ? value('--seed') : 7);
  const rows: string[] = [];
  for (const users of sizes) {
    const groups = groupsFor(users);
    const { scenario } = generateTenant({ ...TENANT_PRESETS.realistic, users, groups, seed });
    rows.push(row(scopeLine(scenario, users), 'chosen groups (the preset, run)'));
    const every = scenario.entra.groups.slice(0, rootCount(groups)).map((g) => g.id);
    const all = {
      ...scenario,
      settings: { ...scenario.settings, scope: { ...scenario.settings.scope, groupIds: every } },
    };
    rows.push(row(scopeLine(all, users), '**every root synced (computed, not run)**'));
    process.stderr.write(`${fmt(users)} users done\n`);
  }
  const block = [
    `Computed by \`npx tsx bench/scope-sizes.ts --sizes ${argv.includes('--sizes') ? value('--sizes') : '10k,100k,250k'} --seed ${seed}\` from \`bench/reference.ts\` (no run).`,
    '',
    '| users | which groups are synced | synced groups | memberships a first sync adds | synced groups a user lands in (median / p90 / max) | Jira points, at least (1 a write) | hours of the Tier-1 pool (65k/h, whole app) | hours of a Tier-2 pool at its 500k/h maximum |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  process.stdout.write(`${block}\n`);
  if (!argv.includes('--no-write'))
    writeBetweenMarkers(path.join(__dirname, '..', 'BENCHMARKS.md'), 'bench-realistic-scope', block);
}

if (require.main === module) main();
