import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dump, load } from 'js-yaml';
import type { Envelope, RunDetail, RunSummary } from '../../src/shared/resolver-contract';
import { DEMO_ADMIN, demoScenario, startRig } from '../helpers';

/** How the deployed app meets the Forge platform's own refusals and limits (issue: run what deploys). */

jest.setTimeout(120_000);
const admin = { accountId: DEMO_ADMIN };

function manifestWithoutImpersonation(): string {
  const manifest = load(fs.readFileSync(path.resolve(__dirname, '../../manifest.yml'), 'utf8')) as {
    permissions: { scopes: Record<string, { allowImpersonation?: boolean }> };
  };
  for (const options of Object.values(manifest.permissions.scopes)) delete options.allowImpersonation;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'entra-sync-manifest-')), 'manifest.yml');
  fs.writeFileSync(file, dump(manifest));
  return file;
}

describe('the deployed app on the Forge platform', () => {
  it('reports a refused impersonation as the write identity failing, without retrying it', async () => {
    const h = await startRig(demoScenario(), { manifest: manifestWithoutImpersonation() });
    try {
      h.clock.advance(61 * 60_000);
      expect(await h.app.onScheduledTick()).toBe('started');
      await h.drain();
      const runs = (await h.app.resolve('listRuns', {}, admin)) as Envelope<RunSummary[]>;
      const run = (await h.app.resolve(
        'getRun',
        { runId: (runs as { data: RunSummary[] }).data[0]!.id },
        admin,
      )) as Envelope<RunDetail>;
      expect(run).toMatchObject({ ok: true, data: { status: 'failed', error: { code: 'runas-not-site-admin' } } });
      expect(h.jira.writeCount()).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('answers a resolver within its deadline when Jira keeps throttling the admin check', async () => {
    const scenario = demoScenario();
    scenario.faults = [
      { service: 'jira', path: '/rest/api/3/mypermissions', status: 429, retryAfter: 20, times: 1_000 },
    ];
    const h = await startRig(scenario);
    try {
      const answer = await h.app.resolve('getStatus', {}, admin);
      expect(answer).toMatchObject({ ok: false, error: { code: expect.any(String) } });
    } finally {
      await h.close();
    }
  });

  it('keeps the Graph access token in secret storage, not among plain values', async () => {
    const h = await startRig();
    try {
      expect(await h.app.resolve('testConnection', {}, admin)).toMatchObject({ ok: true });
      expect(Object.keys(h.kv.dump()).filter((key) => key.includes('graph-token'))).toEqual([]);
      expect(await h.kv.getSecret('secret:v1:graph-token')).toMatch(/"token"/);
    } finally {
      await h.close();
    }
  });
});
