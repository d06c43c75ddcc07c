import { startGraphSimulator } from '../sim/graph/graph-simulator';
import { startJiraSimulator } from '../sim/jira/jira-simulator';
import { loadScenario } from '../scenario/load-scenario';
import { parseArgs } from './args';

/**
 * `npm run sim -- --scenario FILE [--port N]`: serves the Graph simulator (on N) and the Jira
 * simulator (on N+1, or both on free ports), prints one JSON line with their base URLs, and
 * serves until killed.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { values: ['scenario', 'port'], flags: [] });
  if (typeof args.scenario !== 'string') throw new Error('Usage: npm run sim -- --scenario FILE [--port N]');
  const port = typeof args.port === 'string' ? Number(args.port) : undefined;
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65534)) throw new Error('--port must be a port number');
  const scenario = loadScenario(args.scenario);
  const graph = await startGraphSimulator(scenario, port ? { port } : {});
  const jira = await startJiraSimulator(scenario, port ? { port: port + 1 } : {});
  process.stdout.write(`${JSON.stringify({ graph: `${graph.url}/v1.0`, login: graph.url, jira: jira.url })}\n`);
  const stop = () => {
    void Promise.all([graph.close(), jira.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
