import type { AppDeps } from '../app-deps';
import { SyncError } from '../core/errors';
import type { Approver, EngineDeps, RunActor } from '../engine';
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
import type { ResolverName } from '../shared/resolver-contract';
import { explainUser } from './explain-user';
import { groupTargets } from './group-targets';
import { refuseProtectedMappings } from './protected-mappings';
import type { ResolverPayloads } from './resolver-payloads';
import { resolverReads } from './resolver-reads';
import { runChangesPage, runLogPage } from './run-log';
import { schedulePreview } from './schedule-preview';
import { statusView } from './status';
import { testConnection } from './test-connection';

/** One function per resolver, called with its parsed payload and a caller already checked. */
export type ResolverHandlers = {
  [K in ResolverName]: (payload: ResolverPayloads[K], caller: { accountId: string }) => Promise<unknown>;
};

/** Rows of each list getRun returns; the rest is paged with getRunLog and getRunChanges. */
const RUN_DETAIL_ROWS = 500;

export function resolverHandlers(deps: AppDeps): ResolverHandlers {
  return { ...settingsHandlers(deps), ...runHandlers(deps), ...directoryHandlers(deps) };
}

function settingsHandlers(deps: AppDeps) {
  return {
    getSettings: () => settingsView(deps.kv),
    saveSettings: async ({ settings }) => storeSettings(deps, settings),
    // Settings given here (a new secret among them) are tested, never saved: the page saves only what works.
    testConnection: async ({ settings }) =>
      testConnection(deps, settings ? validateSettings(settings) : await requireSettings(deps)),
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
      return storeSettings(deps, settings);
    },
  } satisfies Partial<ResolverHandlers>;
}

function runHandlers(deps: AppDeps) {
  const engine = engineDepsOf(deps);
  return {
    preview: async (_payload, caller) => manualRun(deps, engine, 'preview', caller.accountId),
    syncNow: async (_payload, caller) => manualRun(deps, engine, 'apply', caller.accountId),
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
    getRunLog: async (request) => runLogPage(deps.kv, request),
    getRunChanges: async (request) => runChangesPage(deps.kv, request),
  } satisfies Partial<ResolverHandlers>;
}

function directoryHandlers(deps: AppDeps) {
  return {
    explainUser: async ({ query, entraId }) => explainUser(deps, query, entraId, await entraOrNull(deps)),
    searchEntraGroups: async ({ query }) => {
      const entra = await entraOrNull(deps);
      if (!entra) throw new SyncError('not-configured', 'Save the connection first: the group search uses it.');
      return (await entra.searchGroups(query, 25)).map((g) => ({ id: g.id, name: g.displayName }));
    },
    searchJiraGroups: async ({ query }) => {
      const jira = await connectJira(deps, configuredActor(await requireSettings(deps)), resolverReads(deps));
      return (await jira.searchGroups(query, 25)).map((g) => ({ id: g.groupId, name: g.name, protected: g.protected }));
    },
    getCaller: async (_payload, caller) => ({
      accountId: caller.accountId,
      ...(await deps.callerPermissions(caller.accountId)),
    }),
    getEntraGroups: async ({ ids }) => {
      const entra = await entraOrNull(deps);
      if (!entra) throw new SyncError('not-configured', 'Save the connection first: group names are read through it.');
      return ids.length === 0 ? [] : (await entra.groupsByIds(ids)).map((g) => ({ id: g.id, name: g.displayName }));
    },
    getGroupTargets: async ({ groups, ...rules }) => {
      const jira = await connectJira(deps, configuredActor(await requireSettings(deps)), resolverReads(deps));
      return groupTargets(deps.kv, jira, groups, rules);
    },
  } satisfies Partial<ResolverHandlers>;
}

/** Saves settings that pass validation and map no protected group; answers the page's view of them. */
async function storeSettings(deps: AppDeps, settings: Record<string, unknown>) {
  const valid = validateSettings(settings);
  await refuseProtectedMappings(deps, valid, resolverReads(deps));
  await saveSettings(deps.kv, valid);
  return settingsView(deps.kv);
}

/** Preview or Sync now, started by the caller. */
async function manualRun(deps: AppDeps, engine: EngineDeps, mode: 'preview' | 'apply', accountId: string) {
  const started = await startRun(engine, {
    trigger: 'manual',
    mode,
    ...(await runSetup(deps, accountId)),
    startedBy: await approver(deps, accountId),
  });
  return started.summary;
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

async function entraOrNull(deps: AppDeps) {
  if (!(await loadSettings(deps.kv))) return null;
  return connectEntra(deps, await requireSettings(deps), resolverReads(deps));
}
