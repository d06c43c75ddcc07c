import { execFileSync, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { TIER1_POINTS_PER_HOUR } from '../dev/sim/jira/points-quota';
import { ensureBundle } from '../dev/forge-runtime/bundle';
import type { LatencyOptions } from './bench-env';
import { dayLines, markdownTable, writeBetweenMarkers } from './report';
import type { SizeConfig, SizeResult } from './run-size';
import { RUNS } from './run-size';
import type { TenantPreset } from './tenant-generator';
import { TENANT_PRESETS } from './tenant-generator';

/**
 * `npm run bench -- [--sizes 1k,10k,100k] [--latency] [--preset forest|realistic] [--runs 1..5] [--marker NAME] [--seed N] [--step-budget-ms MS] [--heap-cap-mb MB] [--enforce-jira-pool] [--no-write]`
 * Runs each size in its own process, prints a Markdown table and writes it into BENCHMARKS.md.
 */
interface Options {
  sizes: number[];
  latency: LatencyOptions | undefined;
  seed: number;
  stepBudgetMs: number;
  concurrency: number;
  write: boolean;
  preset: TenantPreset;
  /** Runs per size, in order (1 = the first sync only). */
  runs: number;
  /** The BENCHMARKS.md block to write (default by mode and preset). */
  marker: string | undefined;
  /**
   * V8's old-space limit for each size's process, MB (`--max-old-space-size`). Uncapped, V8 lets
   * garbage pile up and the sampled heap overstates what an invocation needs; capped at the
   * process's baseline + 512 MB, a run that completes never needed more than 512 MB of live heap.
   */
  heapCapMb: number | undefined;
  /** Jira refuses requests over the Tier-1 pool (65k points an hour, the whole app's) on the virtual clock; the engine must wait. */
  enforceJiraPool: boolean;
}

const UNCAPPED_HEAP_MB = 4096;

const LATENCY: LatencyOptions = { graphMs: 100, jiraMs: 150, burstPerSecond: 100 };

export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(k?)$/i.exec(text.trim());
  if (!match) throw new Error(`Not a size: ${text} (use e.g. 1k,10k,100k)`);
  return Math.round(Number(match[1]) * (match[2] ? 1000 : 1));
}

function presetNamed(name: string): TenantPreset {
  if (!(name in TENANT_PRESETS))
    throw new Error(`No tenant preset ${name} (use ${Object.keys(TENANT_PRESETS).join(' or ')})`);
  return name as TenantPreset;
}

export function parseArgs(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const latency = argv.includes('--latency');
  return {
    sizes: (value('--sizes') ?? (latency ? '1k' : '1k,10k,100k')).split(',').map(parseSize),
    latency: latency ? LATENCY : undefined,
    seed: Number(value('--seed') ?? 7),
    // Forge realism: consumers may run 900 s; the engine's default step budget is 600 s.
    stepBudgetMs: Number(value('--step-budget-ms') ?? 600_000),
    // Jira's burst limit (100/s) × 150 ms latency: 15 requests in flight before 429s.
    concurrency: Number(value('--concurrency') ?? 15),
    write: !argv.includes('--no-write'),
    preset: presetNamed(value('--preset') ?? 'forest'),
    runs: Number(value('--runs') ?? RUNS.length),
    marker: value('--marker'),
    heapCapMb: value('--heap-cap-mb') === undefined ? undefined : Number(value('--heap-cap-mb')),
    enforceJiraPool: argv.includes('--enforce-jira-pool'),
  };
}

function runChild(config: SizeConfig, heapCapMb = UNCAPPED_HEAP_MB): Promise<SizeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        `--max-old-space-size=${heapCapMb}`,
        '--import',
        'tsx',
        path.join(__dirname, 'child.ts'),
        JSON.stringify(config),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as SizeResult);
      else reject(new Error(`Benchmark of ${config.users} users exited with code ${code}`));
    });
  });
}

function machine(): string {
  const free = (() => {
    try {
      return execFileSync('free', ['-h'], { encoding: 'utf8' }).split('\n')[1]?.trim().replace(/\s+/g, ' ') ?? '';
    } catch {
      return `${Math.round(os.totalmem() / 2 ** 30)} GiB total`;
    }
  })();
  return `${os.cpus().length} CPUs (nproc ${os.availableParallelism()}), ${os.cpus()[0]?.model ?? 'unknown CPU'}; free -h: \`${free}\`; Node ${process.version}; ${os.type()} ${os.release()}`;
}

/** What the heap cap proves: every invocation fitted in the cap less the process's own baseline. */
function heapCapLine(capMb: number | undefined, results: SizeResult[]): string {
  if (capMb === undefined) return '';
  const baseline = Math.max(...results.map((r) => r.baselineHeapMb ?? 0));
  return ` V8 heap capped at ${capMb} MB (\`--max-old-space-size\`): with the ${baseline} MB baseline, no invocation had more than ${capMb - baseline} MB of live heap.`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  // The children run the deployed bundle: build it once here (reused when the sources are unchanged).
  await ensureBundle((line) => process.stderr.write(`${line}\n`));
  const results: SizeResult[] = [];
  const started = Date.now();
  for (const users of options.sizes) {
    results.push(
      await runChild(
        {
          users,
          seed: options.seed,
          latency: options.latency,
          concurrency: options.concurrency,
          stepBudgetMs: options.stepBudgetMs,
          churnRate: 0.01,
          driftRate: 0.005,
          preset: options.preset,
          runs: options.runs,
          ...(options.enforceJiraPool ? { jiraPoolPointsPerHour: TIER1_POINTS_PER_HOUR } : {}),
        },
        options.heapCapMb,
      ),
    );
  }
  const command = `npm run bench -- --sizes ${options.sizes.map((s) => (s % 1000 === 0 ? `${s / 1000}k` : String(s))).join(',')}${options.latency ? ' --latency' : ''}${options.preset === 'forest' ? '' : ` --preset ${options.preset}`}${options.runs === RUNS.length ? '' : ` --runs ${options.runs}`} --seed ${options.seed}${options.heapCapMb === undefined ? '' : ` --heap-cap-mb ${options.heapCapMb}`}${options.enforceJiraPool ? ' --enforce-jira-pool' : ''}`;
  const table = markdownTable(results, options.latency !== undefined);
  const setup = results
    .map(
      (r) =>
        `${r.rows[0]?.users ?? '?'} users: setup ${(r.setupMs / 1000).toFixed(1)} s, baseline heap ${r.baselineHeapMb ?? '?'} MB, baseline RSS ${r.baselineRssMb} MB, process max RSS ${r.maxRssMb} MB`,
    )
    .join('; ');
  const latencyLine = options.latency
    ? `Latency: Graph ${options.latency.graphMs} ms, Jira ${options.latency.jiraMs} ms per request; Jira burst limit ${options.latency.burstPerSecond}/s per endpoint and method; lower-bound time assumes ${options.concurrency} requests in flight.`
    : 'No added latency (loopback simulators).';
  const block = [
    `Measured ${new Date(started).toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.`,
    '',
    `Command: \`${command}\` (total ${((Date.now() - started) / 1000).toFixed(0)} s). ${latencyLine}`,
    `Step budget ${options.stepBudgetMs / 1000} s; ${setup}.${heapCapLine(options.heapCapMb, results)}`,
    '',
    table,
    ...dayLines(results),
  ].join('\n');
  process.stdout.write(`${block}\n`);
  if (options.write)
    writeBetweenMarkers(
      path.join(__dirname, '..', 'BENCHMARKS.md'),
      options.marker ??
        (options.latency ? 'bench-latency' : options.preset === 'forest' ? 'bench' : `bench-${options.preset}`),
      block,
    );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
