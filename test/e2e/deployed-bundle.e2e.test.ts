import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dump, load } from 'js-yaml';
import type { Scenario } from '../../dev/scenario/scenario';
import { RESOLVER_NAMES } from '../../src/shared/resolver-contract';
import type { Envelope, RunDetail, RunSummary } from '../../src/shared/resolver-contract';
import type { Rig } from '../helpers';
import { DEMO_ADMIN, demoScenario, scenarioFile, startRig, validPayloads } from '../helpers';

/**
 * The demo scenario end to end through the deployed bundle (src/index.ts built by @forge/bundler)
 * on the local Forge runtime: every resolver of the contract's table answers, a sync completes, a
 * held run is approved. Taking a permission out of the manifest makes the same demo fail.
 */

jest.setTimeout(120_000);

const admin = { accountId: DEMO_ADMIN };
// Resolvers that act on a run: after a finished run they answer a refusal, not data.
const RUN_ACTIONS = new Set(['cancelRun', 'approveRun', 'discardRun']);

async function call(h: Rig, name: string, payload: unknown): Promise<Envelope<unknown>> {
  return h.app.resolve(name, payload, admin);
}

/** Everything that went wrong in the demo: an empty list means the page works on this deployment. */
async function demoProblems(h: Rig): Promise<string[]> {
  const problems: string[] = [];
  try {
    const started = (await call(h, 'syncNow', {})) as Envelope<RunSummary>;
    if (!started.ok) return [`syncNow: ${started.error.code}`];
    await h.drain();
    const run = (await call(h, 'getRun', { runId: started.data.id })) as Envelope<RunDetail>;
    if (!run.ok || run.data?.status !== 'succeeded')
      problems.push(`sync: ${run.ok ? `${run.data?.status} ${run.data?.error?.code ?? ''}` : run.error.code}`);
    const settings = JSON.parse(JSON.stringify({ ...demoScenario().settings, clientSecret: undefined })) as Record<
      string,
      unknown
    >;
    const payloads = validPayloads(started.data.id, settings);
    for (const name of RESOLVER_NAMES) {
      try {
        const answer = await call(h, name, payloads[name]);
        if (!RUN_ACTIONS.has(name) && !answer.ok) problems.push(`${name}: ${answer.error.code}`);
        await h.drain();
      } catch (error) {
        problems.push(`${name} threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await h.drain();
  } catch (error) {
    problems.push(`threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  return problems;
}

interface ManifestDoc {
  permissions: { scopes: Record<string, unknown>; external: { fetch: { backend: Array<{ address: string }> } } };
}
const MANIFEST = load(fs.readFileSync(path.resolve(__dirname, '../../manifest.yml'), 'utf8')) as ManifestDoc;

/** A copy of manifest.yml with one change, in a temporary file. */
function manifestWith(change: (manifest: ManifestDoc) => void): string {
  const copy = JSON.parse(JSON.stringify(MANIFEST)) as ManifestDoc;
  change(copy);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'entra-sync-manifest-')), 'manifest.yml');
  fs.writeFileSync(file, dump(copy));
  return file;
}

async function problemsWith(scenario: Scenario, manifest?: string): Promise<string[]> {
  const h = await startRig(scenario, { manifest });
  try {
    return await demoProblems(h);
  } finally {
    await h.close();
  }
}

describe('the deployed bundle on the local Forge runtime', () => {
  it('answers every resolver of the table, and a sync completes', async () => {
    expect(await problemsWith(demoScenario())).toEqual([]);
  });

  it('holds a run over the removal threshold, and approving it applies the removals', async () => {
    const h = await startRig(scenarioFile('removal-threshold'));
    try {
      const held = (await call(h, 'syncNow', {})) as Envelope<RunSummary>;
      if (!held.ok) throw new Error(held.error.code);
      await h.drain();
      expect(await call(h, 'getRun', { runId: held.data.id })).toMatchObject({
        ok: true,
        data: { status: 'needs-approval' },
      });
      const approval = (await call(h, 'approveRun', { runId: held.data.id })) as Envelope<RunSummary>;
      if (!approval.ok) throw new Error(approval.error.code);
      await h.drain();
      const done = (await call(h, 'getRun', { runId: approval.data.id })) as Envelope<RunDetail>;
      expect(done).toMatchObject({ ok: true, data: { status: 'succeeded' } });
      expect(
        (done as { data: RunDetail }).data.changes.filter((c) => c.op === 'removeMember' && c.result === 'applied'),
      ).toHaveLength(13);
    } finally {
      await h.close();
    }
  });

  it.each(Object.keys(MANIFEST.permissions.scopes))(
    'fails the demo when the manifest lacks the scope %s',
    async (scope) => {
      const problems = await problemsWith(
        demoScenario(),
        manifestWith((m) => delete m.permissions.scopes[scope]),
      );
      expect(problems).not.toEqual([]);
    },
  );

  it('writes with the service account through egress to the site Jira reports, and fails without that egress host', async () => {
    const tokenScenario = scenarioFile('fault-secrets');
    expect(await problemsWith(tokenScenario)).toEqual([]);
    const problems = await problemsWith(
      tokenScenario,
      manifestWith(
        (m) =>
          (m.permissions.external.fetch.backend = m.permissions.external.fetch.backend.filter(
            (e) => !e.address.includes('atlassian.net'),
          )),
      ),
    );
    expect(problems.join('\n')).toMatch(/sync: failed/);
  });

  it.each(['https://graph.microsoft.com', 'https://login.microsoftonline.com'])(
    'fails the demo when the manifest lacks the egress host %s',
    async (address) => {
      const problems = await problemsWith(
        demoScenario(),
        manifestWith(
          (m) =>
            (m.permissions.external.fetch.backend = m.permissions.external.fetch.backend.filter(
              (e) => e.address !== address,
            )),
        ),
      );
      expect(problems).not.toEqual([]);
    },
  );
});
