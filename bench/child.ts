import type { SizeConfig } from './run-size';
import { benchSize } from './run-size';

/** One size in its own process, so peak memory is this size's alone. Prints the result as JSON on stdout. */
async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as SizeConfig;
  const result = await benchSize(config, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
