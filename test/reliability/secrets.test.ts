import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScenario } from '../../dev/scenario/run-scenario';
import type { Scenario } from '../../dev/scenario/scenario';
import type { ResolverName, RunSummary, Envelope } from '../../src/shared/resolver-contract';
import type { Rig } from '../helpers';
import { asDemoAdmin, drive, scenarioFile, startRig } from '../helpers';

/**
 * The client secret and the API token live only in secret storage: no resolver answer, stored
 * value, log line, run record, export, CLI report or error message contains them, across a
 * successful run and runs failing with a wrong secret, a wrong token, a 403, throttling and a
 * write identity that is not a site admin.
 */

const base = scenarioFile('fault-secrets');
const CLIENT_SECRET = String(base.settings.clientSecret);
const API_TOKEN = (base.settings.writeAs as { apiToken: string }).apiToken;
const EMAIL = 'admin@contoso.com';
const WRONG_SECRET = 'Wq3~WRONGSECRET.fault-1a2b3c4d5e6f7a8b9c0d';
const WRONG_TOKEN = 'ATATT3xWRONGTOKEN-fault-99887766554433221100';

function needles(): string[] {
  const forms = (value: string) => [
    value,
    encodeURIComponent(value),
    Buffer.from(value).toString('base64'),
    JSON.stringify(value).slice(1, -1),
  ];
  return [
    ...forms(CLIENT_SECRET),
    ...forms(API_TOKEN),
    ...forms(WRONG_SECRET),
    ...forms(WRONG_TOKEN),
    Buffer.from(`${EMAIL}:${API_TOKEN}`).toString('base64'),
    Buffer.from(`${EMAIL}:${WRONG_TOKEN}`).toString('base64'),
  ];
}

function leaks(label: string, text: string): string[] {
  return needles()
    .filter((n) => text.includes(n))
    .map((n) => `${label} contains ${n.slice(0, 6)}…`);
}

const READ_PAYLOADS: Array<[ResolverName, unknown]> = [
  ['getSettings', {}],
  ['getRun', {}],
  ['listRuns', {}],
  ['getStatus', {}],
  ['exportSettings', {}],
  ['testConnection', {}],
  ['explainUser', { query: 'alice' }],
  ['searchEntraGroups', { query: 'Eng' }],
  ['searchJiraGroups', { query: 'sales' }],
  ['previewSchedule', { cron: '0 * * * *' }],
];

/** Runs a Sync now to its end and collects every answer the page could ask for afterwards. */
async function syncAndCollect(rig: Rig, outputs: string[]): Promise<void> {
  const started = (await rig.app.resolve('syncNow', {}, asDemoAdmin)) as Envelope<RunSummary>;
  outputs.push(JSON.stringify(started));
  if (started.ok) {
    await drive(rig, started.data.id);
    outputs.push(JSON.stringify(await rig.app.resolve('getRunLog', { runId: started.data.id }, asDemoAdmin)));
  }
  for (const [name, payload] of READ_PAYLOADS)
    outputs.push(JSON.stringify(await rig.app.resolve(name, payload, asDemoAdmin)));
}

describe('secrets never leave secret storage', () => {
  it('across a success and failures (wrong secret, wrong API token, 403, throttling), nothing the app outputs or stores contains a secret', async () => {
    const rig = await startRig(base, { limits: { maxRetries: 2 } });
    const outputs: string[] = [];
    try {
      await syncAndCollect(rig, outputs);
      expect(JSON.parse(outputs[0] as string)).toMatchObject({ ok: true });

      // Wrong client secret (AADSTS7000215): every answer and record must still be clean.
      await rig.kv.setSecret('secret:v1:client-secret', WRONG_SECRET);
      await syncAndCollect(rig, outputs);
      await rig.kv.setSecret('secret:v1:client-secret', CLIENT_SECRET);

      // Wrong API token: Jira answers 401 to the writes.
      await rig.kv.setSecret('secret:v1:api-token', WRONG_TOKEN);
      await syncAndCollect(rig, outputs);
      await rig.kv.setSecret('secret:v1:api-token', API_TOKEN);

      // Graph 403 on the group members, then a throttling storm that outlasts the retries.
      rig.graph.faults.add({ service: 'graph', path: '/v1.0/groups', status: 403, times: 1_000 });
      await syncAndCollect(rig, outputs);
      rig.graph.faults.add({ service: 'graph', path: '/v1.0', status: 429, times: 1_000, retryAfter: 1 });
      rig.jira.faults.add({ service: 'jira', path: '/rest/api/3/group/user', status: 503, times: 1_000 });
      await syncAndCollect(rig, outputs);

      // Saving settings echoes nothing secret either.
      outputs.push(JSON.stringify(await rig.app.resolve('saveSettings', { settings: base.settings }, asDemoAdmin)));

      const runs = (await rig.app.resolve('listRuns', {}, asDemoAdmin)) as Envelope<RunSummary[]>;
      expect(runs.ok && runs.data.map((r) => r.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'succeeded']);
      expect(runs.ok && new Set(runs.data.map((r) => r.error?.code).filter(Boolean)).size).toBeGreaterThanOrEqual(3);

      const found = [
        ...outputs.flatMap((o, i) => leaks(`resolver answer ${i}`, o)),
        ...leaks('stored values (KVS dump)', JSON.stringify(rig.kv.dump())),
        ...rig.logs.flatMap((line) => leaks('log line', line)),
        ...rig.requests
          .filter((r) => r.service === 'jira')
          .flatMap((r) =>
            leaks(`Jira request ${r.method} ${r.url}`, `${r.url} ${r.body}`).filter(
              () => !r.headers.authorization?.startsWith('Basic'),
            ),
          ),
      ];
      expect(found).toEqual([]);
      // The secrets are where they belong, and the page only sees a hint.
      expect(rig.kv.secretsDump()).toEqual(
        expect.objectContaining({ 'secret:v1:client-secret': CLIENT_SECRET, 'secret:v1:api-token': API_TOKEN }),
      );
      expect(outputs.join('\n')).toContain(`…${CLIENT_SECRET.slice(-4)}`);
      // The client secret never goes to Jira, the API token never to Microsoft.
      expect(
        rig.requests.filter((r) => r.service === 'jira').some((r) => JSON.stringify(r).includes(CLIENT_SECRET)),
      ).toBe(false);
      expect(rig.requests.filter((r) => r.service === 'graph').some((r) => JSON.stringify(r).includes(API_TOKEN))).toBe(
        false,
      );
    } finally {
      await rig.close();
    }
  });

  it('the CLI report of a successful run and of failing runs (wrong secret, not a site admin, Graph outage) contains no secret', async () => {
    const variants: Scenario[] = [
      base,
      { ...base, entra: { ...base.entra, app: { clientSecret: WRONG_SECRET } } },
      { ...base, jira: { ...base.jira, siteAdmins: [] } },
      { ...base, jira: { ...base.jira, apiTokens: [{ email: EMAIL, token: WRONG_TOKEN }] } },
      { ...base, faults: [{ service: 'graph', path: '/v1.0', status: 503, times: 10_000 }] },
    ];
    const statuses: string[] = [];
    for (const scenario of variants) {
      const { report } = await runScenario(scenario, { limits: { maxRetries: 1 } });
      statuses.push(report.status);
      expect(leaks('CLI report', JSON.stringify(report))).toEqual([]);
    }
    expect(statuses).toEqual(['succeeded', 'failed', 'failed', 'failed', 'failed']);
  });

  it('the --state directory holds secrets only in its owner-only secrets file, after successful and failing runs', async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entra-sync-secrets-'));
    try {
      const statuses: string[] = [];
      for (const scenario of [
        base,
        { ...base, jira: { ...base.jira, siteAdmins: [] } },
        { ...base, faults: [{ service: 'graph' as const, path: '/v1.0', status: 503, times: 10_000 }] },
        { ...base, entra: { ...base.entra, app: { clientSecret: WRONG_SECRET } } },
      ]) {
        statuses.push((await runScenario(scenario, { stateDir, limits: { maxRetries: 1 } })).report.status);
      }
      // With the state kept, the second run may find nothing to write (and so not check the write identity).
      expect(statuses[0]).toBe('succeeded');
      expect(statuses.slice(2)).toEqual(['failed', 'failed']);
      const files = fs
        .readdirSync(stateDir, { recursive: true, withFileTypes: true })
        .filter((f) => f.isFile())
        .map((f) => path.join(f.parentPath, f.name));
      const secretsFile = path.join(stateDir, 'secrets.json');
      expect(files).toContain(secretsFile);
      expect(files.length).toBeGreaterThan(5);
      expect(
        files
          .filter((f) => f !== secretsFile)
          .flatMap((f) => leaks(path.relative(stateDir, f), fs.readFileSync(f, 'utf8'))),
      ).toEqual([]);
      expect(fs.statSync(secretsFile).mode & 0o077).toBe(0);
      expect(fs.readFileSync(secretsFile, 'utf8')).toContain(API_TOKEN);
    } finally {
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
