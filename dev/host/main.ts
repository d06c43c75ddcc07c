import fs from 'node:fs';
import path from 'node:path';
import { loadScenario } from '../scenario/load-scenario';
import type { RealServices } from './local-host';
import { startLocalHost } from './local-host';

/**
 * `npm start`: the deployed bundle on the local Forge runtime with the built-in simulators and the demo
 * tenant. Environment:
 *   SCENARIO=file.json       another scenario (default dev/scenarios/demo.json)
 *   PORT=3000                the admin page's port
 *   TICK_SECONDS=300         scheduled trigger interval
 *   STATE_DIR=.local/state   where KVS is kept (delete it to start over)
 *   REAL_GRAPH=1             use the real Microsoft cloud instead of the Graph simulator
 *   JIRA_SITE_URL, JIRA_EMAIL, JIRA_API_TOKEN   a real Jira site instead of the Jira simulator
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const scenario = loadScenario(process.env.SCENARIO ?? path.join(root, 'dev/scenarios/demo.json'));
  const distDir = path.join(root, 'static/admin/dist');
  if (!fs.existsSync(path.join(distDir, 'index.html')))
    throw new Error('The admin page is not built: run `npm run build:ui` (npm start does it for you).');
  const real = realEndpoints();
  const host = await startLocalHost({
    scenario,
    stateDir: process.env.STATE_DIR ?? path.join(root, '.local/state'),
    port: Number(process.env.PORT ?? 3000),
    tickMs: Number(process.env.TICK_SECONDS ?? 300) * 1000,
    distDir,
    real,
    log: (message) => console.log(`[host] ${message}`),
  });
  console.log(`Entra Sync for Jira is running locally.`);
  console.log(`  Admin page:     ${host.url}`);
  console.log(`  Graph:          ${host.simulators.graph ?? 'real Microsoft Graph'}`);
  console.log(`  Jira:           ${host.simulators.jira ?? process.env.JIRA_SITE_URL}`);
  console.log(
    `  Scenario:       ${scenario.name ?? 'custom'} (${scenario.entra.users.length} Entra users, ${scenario.jira.users.length} Jira accounts)`,
  );
  console.log('Open the admin page, then Preview or Sync now. Ctrl+C stops.');
  const stop = () => void host.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function realEndpoints(): RealServices | undefined {
  const site = process.env.JIRA_SITE_URL;
  if (!site && !process.env.REAL_GRAPH) return undefined;
  if (!site || !process.env.JIRA_EMAIL || !process.env.JIRA_API_TOKEN)
    throw new Error(
      'A real setup needs JIRA_SITE_URL, JIRA_EMAIL and JIRA_API_TOKEN (and REAL_GRAPH=1 for Microsoft Graph).',
    );
  return {
    jiraSiteUrl: site.replace(/\/$/, ''),
    serviceAccount: { email: process.env.JIRA_EMAIL, token: process.env.JIRA_API_TOKEN },
    realGraph: process.env.REAL_GRAPH === '1',
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
