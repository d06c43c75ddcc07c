import { ensureBundle } from '../forge-runtime/bundle';
import { runScenario } from '../scenario/run-scenario';
import { loadScenario } from '../scenario/load-scenario';
import { parseArgs } from './args';

/**
 * `npm run sync -- --scenario FILE [--preview] [--json] [--state DIR] [--runs N]`: one complete
 * sync (or N in a row, with the scenario's between-run changes) through the deployed bundle on the
 * local Forge runtime, against simulators seeded from FILE. Exit code 0 when it succeeded or previewed, 2 when it needs
 * approval, 1 when it failed.
 */
async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { values: ['scenario', 'state', 'runs'], flags: ['preview', 'json'] });
  const usage = 'Usage: npm run sync -- --scenario FILE [--preview] [--json] [--state DIR] [--runs N]';
  if (typeof args.scenario !== 'string') throw new Error(usage);
  const runs = typeof args.runs === 'string' ? Number(args.runs) : 1;
  if (!Number.isInteger(runs) || runs < 1 || runs > 100)
    throw new Error(`--runs must be a whole number from 1 to 100. ${usage}`);
  // The deployed bundle runs the sync; it is built on first use (and after a change to src/).
  await ensureBundle((line) => console.error(line));
  const { report, events } = await runScenario(loadScenario(args.scenario), {
    preview: args.preview === true,
    stateDir: typeof args.state === 'string' ? args.state : undefined,
    runs,
  });
  if (args.json) await writeWhole(`${JSON.stringify(report)}\n`);
  else {
    const count = (op: string) => report.changes.filter((c) => c.op === op).length;
    console.log(`Status: ${report.status}${report.error ? ` — ${report.error.code}: ${report.error.message}` : ''}`);
    console.log(
      `Changes: ${count('createGroup')} groups to create, ${count('addMember')} adds, ${count('removeMember')} removals`,
    );
    for (const c of report.changes)
      console.log(`  ${c.result.padEnd(8)} ${c.op.padEnd(13)} ${c.group}${c.email ? `  ${c.email}` : ''}`);
    console.log('Users:');
    for (const u of report.users) console.log(`  ${u.outcome.padEnd(16)} ${u.identifier ?? u.entraId}  ${u.reason}`);
    console.log(
      `API calls: Graph ${report.calls.graph}, Jira ${report.calls.jira} (${report.calls.jiraWrites} writes); ${events} queue events`,
    );
  }
  return report.status === 'failed' ? 1 : report.status === 'needs-approval' ? 2 : 0;
}

/**
 * Resolves once the text has been handed to the OS: exiting before a pipe drains cuts the report
 * off at the pipe's buffer size (64 or 128 KiB), and the report is a public contract.
 */
function writeWhole(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
