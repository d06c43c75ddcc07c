import type { Envelope, ResolverName, RunSummary } from '../../src/shared/resolver-contract';
import { resolverPayloads } from '../../src/handlers/resolver-payloads';
import type { Rig } from '../helpers';
import {
  asDemoAdmin,
  DEACTIVATED_ADMIN,
  DEMO_MEMBER,
  drive,
  JIRA_ADMIN,
  scenarioFile,
  startRig,
  UNKNOWN_ACCOUNT,
  validPayloads,
} from '../helpers';

/**
 * Every resolver checks the caller on the server: a Jira admin may read, only a site admin may
 * change settings, run, cancel, approve or discard. Refusals store nothing, write nothing to Jira
 * and start nothing.
 */

/** The rule, written out independently of the app's own list. */
const SITE_ADMIN_ONLY: ResolverName[] = [
  'saveSettings',
  'importSettings',
  'testConnection',
  'preview',
  'syncNow',
  'cancelRun',
  'approveRun',
  'discardRun',
];
const READS: ResolverName[] = [
  'getSettings',
  'getRun',
  'listRuns',
  'getStatus',
  'explainUser',
  'previewSchedule',
  'exportSettings',
  'searchEntraGroups',
  'searchJiraGroups',
  'getRunLog',
  'getRunChanges',
  'getCaller',
  'getEntraGroups',
  'getGroupTargets',
];
export const ALL_RESOLVERS: ResolverName[] = [...SITE_ADMIN_ONLY, ...READS];

let rig: Rig;
let runId: string;

function validPayload(name: ResolverName): unknown {
  const settings = JSON.parse(
    JSON.stringify({ ...scenarioFile('fault-roles').settings, clientSecret: undefined }),
  ) as Record<string, unknown>;
  return validPayloads(runId, settings)[name];
}

beforeAll(async () => {
  rig = await startRig(scenarioFile('fault-roles'));
  const preview = (await rig.app.resolve('preview', {}, asDemoAdmin)) as Envelope<RunSummary>;
  if (!preview.ok) throw new Error(preview.error.message);
  runId = preview.data.id;
  await drive(rig, runId);
});
afterAll(() => rig.close());

async function refusedWithoutEffects(
  name: ResolverName,
  accountId: string | undefined,
): Promise<{ ok: boolean; code: string | null }> {
  const before = rig.kv.snapshot();
  const writes = rig.jira.writeCount();
  const answer = await rig.app.resolve(name, validPayload(name), { accountId });
  expect(rig.kv.snapshot()).toBe(before);
  expect(rig.jira.writeCount()).toBe(writes);
  expect(rig.queue.pending).toHaveLength(0);
  return { ok: answer.ok, code: answer.ok ? null : answer.error.code };
}

describe('every resolver checks the caller on the server', () => {
  it('covers every resolver of the contract', () => {
    expect([...ALL_RESOLVERS].sort()).toEqual(Object.keys(resolverPayloads).sort());
  });

  it.each(ALL_RESOLVERS)('%s: refused for a signed-in user who is not a Jira admin', async (name) => {
    expect(await refusedWithoutEffects(name, DEMO_MEMBER)).toEqual({ ok: false, code: 'forbidden' });
  });

  it.each(ALL_RESOLVERS)('%s: refused for an anonymous caller', async (name) => {
    expect(await refusedWithoutEffects(name, undefined)).toEqual({ ok: false, code: 'not-signed-in' });
  });

  it.each(SITE_ADMIN_ONLY)('%s: refused for a Jira admin who is not a site admin', async (name) => {
    expect(await refusedWithoutEffects(name, JIRA_ADMIN)).toEqual({ ok: false, code: 'forbidden' });
  });

  it.each(READS)('%s: allowed for a Jira admin who is not a site admin', async (name) => {
    const answer = await rig.app.resolve(name, validPayload(name), { accountId: JIRA_ADMIN });
    // Allowed: the answer is data, or a domain error, never a refusal of the caller.
    expect(answer.ok ? 'ok' : answer.error.code).not.toMatch(/^(forbidden|not-signed-in|internal-error)$/);
  });

  it.each(ALL_RESOLVERS)(
    '%s: refused, with a clear code, for a deactivated admin and for an unknown account',
    async (name) => {
      for (const accountId of [DEACTIVATED_ADMIN, UNKNOWN_ACCOUNT]) {
        const result = await refusedWithoutEffects(name, accountId);
        expect(result.ok).toBe(false);
        expect(result.code).not.toBe('internal-error');
      }
    },
  );

  it('the site admin may still do everything (the refusals are about the caller, not the resolver)', async () => {
    for (const name of ['getSettings', 'listRuns', 'getStatus', 'exportSettings', 'getRunLog'] as ResolverName[]) {
      const answer = await rig.app.resolve(name, validPayload(name), asDemoAdmin);
      expect(answer.ok ? 'ok' : answer.error.code).toBe('ok');
    }
  });
});
