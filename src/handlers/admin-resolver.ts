import type { AppDeps } from '../app-deps';
import { describeError, SyncError } from '../core/errors';
import { STORAGE_KEYS } from '../engine/storage-keys';
import type { RunActor } from '../engine/run-record';
import { engineDepsOf } from '../engine/connect-run';
import { runDetail } from '../engine/run-report';
import { listRunSummaries, loadRun, runIds } from '../engine/run-store';
import { startRun } from '../engine/start-run';
import { loadSettings, saveSettings, settingsView } from '../settings/settings-store';
import { validateSettings } from '../settings/validate-settings';
import type { Envelope, ResolverName } from '../shared/resolver-contract';
import { testConnection } from './test-connection';
import type { ResolverPayloads } from './resolver-payloads';
import { NEEDS_SITE_ADMIN, resolverPayloads } from './resolver-payloads';

export interface Caller {
  accountId: string | undefined;
}

type Handlers = { [K in ResolverName]: (payload: ResolverPayloads[K], caller: { accountId: string }) => Promise<unknown> };

/**
 * The admin page's resolvers. Each call re-checks on the server who is calling (a Jira admin to
 * read, a site admin to change or run), validates its payload, and answers with an envelope:
 * errors never escape as exceptions and never carry a secret.
 */
export function createAdminResolvers(deps: AppDeps): (name: string, payload: unknown, caller: Caller) => Promise<Envelope<unknown>> {
  const handlers: Handlers = {
    getSettings: () => settingsView(deps.kv),
    saveSettings: async ({ settings }) => {
      await saveSettings(deps.kv, validateSettings(settings));
      return settingsView(deps.kv);
    },
    testConnection: async () => testConnection(deps, await requireSettings(deps)),
    preview: async (_payload, caller) => (await startRun(engineDepsOf(deps), { trigger: 'manual', mode: 'preview', ...(await runSetup(deps, caller.accountId)) })).summary,
    syncNow: async (_payload, caller) => (await startRun(engineDepsOf(deps), { trigger: 'manual', mode: 'apply', ...(await runSetup(deps, caller.accountId)) })).summary,
    getRun: async ({ runId }) => {
      const id = runId ?? (await runIds(deps.kv))[0];
      const run = id ? await loadRun(deps.kv, id) : undefined;
      if (runId && !run) throw new SyncError('run-not-found', `Run ${runId} does not exist (runs are kept for the last 100).`);
      return run ? runDetail(deps.kv, run) : null;
    },
    listRuns: () => listRunSummaries(deps.kv),
    cancelRun: async ({ runId }) => {
      const run = await loadRun(deps.kv, runId);
      if (!run) throw new SyncError('run-not-found', `Run ${runId} does not exist.`);
      await deps.kv.set(STORAGE_KEYS.cancelRequest(runId), deps.clock.now(), { ttlSeconds: 86_400 });
      return run.summary;
    },
  };

  return async (name, payload, caller) => {
    try {
      if (!(name in handlers)) throw new SyncError('unknown-resolver', `There is no resolver named ${String(name).slice(0, 64)}.`);
      const key = name as ResolverName;
      if (!caller.accountId) throw new SyncError('not-signed-in', 'Sign in to Jira to use this page.');
      const permissions = await deps.callerPermissions(caller.accountId);
      if (!permissions.jiraAdmin) throw new SyncError('forbidden', 'Only Jira administrators can use Entra Sync.');
      if (NEEDS_SITE_ADMIN.has(key) && !permissions.siteAdmin) throw new SyncError('forbidden', 'Only site admins can change Entra Sync settings or run a sync.');
      const parsed = resolverPayloads[key].safeParse(payload ?? {});
      if (!parsed.success) {
        throw new SyncError('invalid-payload', `The request is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')}.`);
      }
      const handler = handlers[key] as (p: unknown, c: { accountId: string }) => Promise<unknown>;
      return { ok: true, data: await handler(parsed.data, { accountId: caller.accountId }) };
    } catch (error) {
      const described = describeError(error);
      if (described.code === 'internal-error') deps.log?.(`Resolver ${String(name).slice(0, 64)} failed: ${described.message}`);
      return { ok: false, error: described };
    }
  };
}

async function requireSettings(deps: AppDeps) {
  const stored = await loadSettings(deps.kv);
  if (!stored) throw new SyncError('not-configured', 'Entra Sync is not configured yet. Fill in the connection and save.');
  return validateSettings(stored);
}

/** Manual runs write as the admin who clicked (runAsAdmin) or as the service account (apiToken). */
async function runSetup(deps: AppDeps, callerAccountId: string) {
  const settings = await requireSettings(deps);
  const actor: RunActor = settings.writeAs.mode === 'apiToken' ? { mode: 'apiToken', email: settings.writeAs.email } : { mode: 'runAsAdmin', accountId: callerAccountId };
  return { settings, actor };
}
