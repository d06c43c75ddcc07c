import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGraphSimulator } from '../sim/graph/graph-simulator';
import { testCertificate } from '../sim/test-certificate';
import { startJiraSimulator } from '../sim/jira/jira-simulator';
import { loadScenario } from '../scenario/load-scenario';
import { parseArgs } from './args';

/**
 * `npm run sim -- --scenario FILE [--port N] [--https]`: serves the Graph simulator (on N) and the
 * Jira simulator (on N+1, or both on free ports), prints one JSON line with their base URLs, and
 * serves until killed. With --https both serve HTTPS with a certificate made at start; its PEM is
 * written to a temporary file named in the JSON line (`ca`), for clients to trust
 * (e.g. NODE_EXTRA_CA_CERTS=that-file for a Node client).
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { values: ['scenario', 'port'], flags: ['https'] });
  if (typeof args.scenario !== 'string') throw new Error('Usage: npm run sim -- --scenario FILE [--port N] [--https]');
  const port = typeof args.port === 'string' ? Number(args.port) : undefined;
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65534))
    throw new Error('--port must be a port number');
  const scenario = loadScenario(args.scenario);
  const tls = args.https === true ? await testCertificate() : undefined;
  const graph = await startGraphSimulator(scenario, { ...(port ? { port } : {}), tls });
  const jira = await startJiraSimulator(scenario, { ...(port ? { port: port + 1 } : {}), tls });
  let ca: string | undefined;
  if (tls) {
    ca = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'entra-sync-sim-')), 'simulators-ca.pem');
    fs.writeFileSync(ca, tls.cert);
  }
  process.stdout.write(
    `${JSON.stringify({ graph: `${graph.url}/v1.0`, login: graph.url, jira: jira.url, ...(ca ? { ca } : {}) })}\n`,
  );
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
