import type { AppDeps } from '../app-deps';
import { describeError, SyncError } from '../core/errors';
import type { Approver, RunActor } from '../engine';
import {
  STORAGE_KEYS,
  approveRun,
  configuredActor,
  connectEntra,
  connectJira,
  discardRun,
  engineDepsOf,
  listRunSummaries,
  loadRun,
  runDetail,
  runIds,
  startRun,
} from '../engine';
import type { Settings } from '../settings/schema';
import { loadSettings, saveSettings, settingsView, withoutSecrets } from '../settings/settings-store';
import { validateSettings } from '../settings/validate-settings';
import type { Envelope, ResolverName } from '../shared/resolver-contract';
import { explainUser } from './explain-user';
import { groupTargets } from './group-targets';
import { refuseProtectedMappings } from './protected-mappings';
import type { ResolverPayloads } from './resolver-payloads';
import { NEEDS_SITE_ADMIN, resolverPayloads } from './resolver-payloads';
import { runChangesPage, runLogPage } from './run-log';
import { schedulePreview } from './schedule-preview';
import { statusView } from './status';
import { testConnection } from './test-connection';

export interface Caller {
  accountId: string | undefined;
}

/** Rows of each list getRun returns; the rest is paged with getRunLog and getRunChanges. */
const RUN_DETAIL_ROWS = 500;

type Handlers = {
  [K in ResolverName]: (payload: ResolverPayloads[K], caller: { accountId: string }) => Promise<unknown>;
};

/**
 * The admin page's resolvers. Each call re-checks on the server who is calling (a Jira admin to
 * read, a site admin to change or run), validates its payload, and answers with an envelope:
 * errors never escape as exceptions and never carry a secret.
 */
// Over the 60-line limit; left for its own change (issue 16 follow-up), not to be copied.
// eslint-disable-next-line max-lines-per-function
export function createAdminResolvers(
  deps: AppDeps,
): (name: string, payload: unknown, caller: Caller) => Promise<Envelope<unknown>> {
  const engine = engineDepsOf(deps);
  const handlers: Handlers = {
    getSettings: () => settingsView(deps.kv),
    saveSettings: async ({ settings }) => {
      const valid = validateSettings(settings);
      await refuseProtectedMappings(deps, valid, resolverReads(deps));
      await saveSettings(deps.kv, valid);
      return settingsView(deps.kv);
    },
    // Settings given here (a new secret among them) are tested, never saved: the page saves only what works.
    testConnection: async ({ settings }) =>
      testConnection(deps, settings ? validateSettings(settings) : await requireSettings(deps)),
    preview: async (_payload, caller) =>
      (
        await startRun(engine, {
          trigger: 'manual',
          mode: 'preview',
          ...(await runSetup(deps, caller.accountId)),
          startedBy: await approver(deps, caller.accountId),
        })
      ).summary,
    syncNow: async (_payload, caller) =>
      (
        await startRun(engine, {
          trigger: 'manual',
          mode: 'apply',
          ...(await runSetup(deps, caller.accountId)),
          startedBy: await approver(deps, caller.accountId),
        })
      ).summary,
    getRun: async ({ runId }) => {
      const id = runId ?? (await runIds(deps.kv))[0];
      const run = id ? await loadRun(deps.kv, id) : undefined;
      if (runId && !run)
        throw new SyncError('run-not-found', `Run ${runId} does not exist (runs are kept for the last 100).`);
      return run ? runDetail(deps.kv, run, RUN_DETAIL_ROWS) : null;
    },
    listRuns: () => listRunSummaries(deps.kv),
    cancelRun: async ({ runId }) => {
      const run = await loadRun(deps.kv, runId);
      if (!run) throw new SyncError('run-not-found', `Run ${runId} does not exist.`);
      await deps.kv.set(STORAGE_KEYS.cancelRequest(runId), deps.clock.now(), { ttlSeconds: 86_400 });
      return run.summary;
    },
    approveRun: async ({ runId }, caller) => {
      const { settings, actor } = await runSetup(deps, caller.accountId);
      return approveRun(engine, runId, await approver(deps, caller.accountId), settings, actor);
    },
    discardRun: async ({ runId }, caller) => discardRun(engine, runId, await approver(deps, caller.accountId)),
    getStatus: () => statusView(deps),
    explainUser: async ({ query, entraId }) => explainUser(deps, query, entraId, await entraOrNull(deps)),
    previewSchedule: async ({ interval, cron }) => schedulePreview(deps, interval, cron),
    exportSettings: async () => {
      const stored = await loadSettings(deps.kv);
      if (!stored) throw new SyncError('not-configured', 'There are no settings to export yet.');
      return { settings: withoutSecrets(validateSettings(stored)) };
    },
    importSettings: async ({ settings }) => {
      const writeAs = settings.writeAs as Record<string, unknown> | undefined;
      if ('clientSecret' in settings || (typeof writeAs === 'object' && writeAs !== null && 'apiToken' in writeAs)) {
        throw new SyncError(
          'invalid-settings',
          'Imported settings must not contain secrets (clientSecret, apiToken); enter them on the page after importing.',
        );
      }
      const valid = validateSettings(settings);
      await refuseProtectedMappings(deps, valid, resolverReads(deps));
      await saveSettings(deps.kv, valid);
      return settingsView(deps.kv);
    },
    searchEntraGroups: async ({ query }) => {
      const entra = await entraOrNull(deps);
      if (!entra) throw new SyncError('not-configured', 'Save the connection first: the group search uses it.');
      return (await entra.searchGroups(query, 25)).map((g) => ({ id: g.id, name: g.displayName }));
    },
    searchJiraGroups: async ({ query }) => {
      const jira = await connectJira(deps, configuredActor(await requireSettings(deps)), resolverReads(deps));
      return (await jira.searchGroups(query, 25)).map((g) => ({ id: g.groupId, name: g.name, protected: g.protected }));
    },
    getRunLog: async (request) => runLogPage(deps.kv, request),
    getCaller: async (_payload, caller) => ({
      accountId: caller.accountId,
      ...(await deps.callerPermissions(caller.accountId)),
    }),
    getEntraGroups: async ({ ids }) => {
      const entra = await entraOrNull(deps);
      if (!entra) throw new SyncError('not-configured', 'Save the connection first: group names are read through it.');
      return ids.length === 0 ? [] : (await entra.groupsByIds(ids)).map((g) => ({ id: g.id, name: g.displayName }));
    },
    getRunChanges: async (request) => runChangesPage(deps.kv, request),
    getGroupTargets: async ({ groups, ...rules }) => {
      const jira = await connectJira(deps, configuredActor(await requireSettings(deps)), resolverReads(deps));
      return groupTargets(deps.kv, jira, groups, rules);
    },
  };

  return async (name, payload, caller) => {
    const deadline = deps.clock.now() + deps.resolverBudgetMs;
    try {
      if (!Object.hasOwn(handlers, name))
        throw new SyncError('unknown-resolver', `There is no resolver named ${String(name).slice(0, 64)}.`);
      const key = name as ResolverName;
      if (!caller.accountId) throw new SyncError('not-signed-in', 'Sign in to Jira to use this page.');
      const permissions = await deps.callerPermissions(caller.accountId, () => deadline);
      if (!permissions.jiraAdmin) throw new SyncError('forbidden', 'Only Jira administrators can use Entra Sync.');
      if (NEEDS_SITE_ADMIN.has(key) && !permissions.siteAdmin)
        throw new SyncError('forbidden', 'Only site admins can change Entra Sync settings or run a sync.');
      const parsed = safeParsePayload(key, payload);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'payload', message: i.message }));
        throw new SyncError(
          'invalid-payload',
          `The request is not valid: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}.`,
          { fields },
        );
      }
      const handler = handlers[key] as (p: unknown, c: { accountId: string }) => Promise<unknown>;
      return { ok: true, data: await handler(parsed.data, { accountId: caller.accountId }) };
    } catch (error) {
      const described = describeError(error);
      if (described.code === 'internal-error')
        deps.log?.(
          `Resolver ${String(name).slice(0, 64)} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      return { ok: false, error: described };
    }
  };
}

async function requireSettings(deps: AppDeps): Promise<Settings> {
  const stored = await loadSettings(deps.kv);
  if (!stored)
    throw new SyncError('not-configured', 'Entra Sync is not configured yet. Fill in the connection and save.');
  return validateSettings(stored);
}

/** Manual runs write as the admin who clicked (runAsAdmin) or as the service account (apiToken). */
async function runSetup(deps: AppDeps, callerAccountId: string): Promise<{ settings: Settings; actor: RunActor }> {
  const settings = await requireSettings(deps);
  const configured = configuredActor(settings);
  const actor: RunActor =
    configured.mode === 'apiToken' ? configured : { mode: 'runAsAdmin', accountId: callerAccountId };
  return { settings, actor };
}

/** The caller with their Jira display name, to name them on the runs they decide; the name is best effort. */
async function approver(deps: AppDeps, accountId: string): Promise<Approver> {
  try {
    const jira = await connectJira(deps, { mode: 'runAsAdmin', accountId }, resolverReads(deps));
    return { accountId, name: (await jira.writeIdentityHealth()).displayName };
  } catch {
    return { accountId, name: null };
  }
}

/** Options for a resolver's own reads (search, explain), bounded by the resolver's time budget. */
function resolverReads(deps: AppDeps) {
  const deadline = deps.clock.now() + deps.resolverBudgetMs;
  return { deadline: () => deadline, lowPriority: false, onCall: () => undefined };
}

async function entraOrNull(deps: AppDeps) {
  if (!(await loadSettings(deps.kv))) return null;
  return connectEntra(deps, await requireSettings(deps), resolverReads(deps));
}

/** Parses a payload; input that breaks the parser itself (e.g. absurd nesting) is refused, not thrown. */
function safeParsePayload(key: ResolverName, payload: unknown) {
  try {
    return resolverPayloads[key].safeParse(payload ?? {});
  } catch {
    throw new SyncError('invalid-payload', 'The request is not valid: it is too large or too deeply nested.');
  }
}
