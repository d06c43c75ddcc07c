import type { AppDeps } from '../../app-deps';
import { SyncError } from '../../core/errors';
import { readSecret } from '../../settings/settings-store';
import type { ConnectOptions, EngineDeps } from './deps';
import { withStorageRetries } from './retrying-kv';
import type { RunActor, RunRecord } from './record';
import type { Settings } from '../../settings/schema';

/** Who writes to Jira for the configured identity (manual runs of runAsAdmin replace the account with the caller). */
export function configuredActor(settings: Settings): RunActor {
  return settings.writeAs.mode === 'apiToken'
    ? { mode: 'apiToken', email: settings.writeAs.email }
    : { mode: 'runAsAdmin', accountId: settings.writeAs.accountId };
}

/**
 * The Graph adapter; the client secret is read from secret storage now and never stored elsewhere
 * (a connection test may pass a new one, to try it before it replaces the saved one).
 */
export async function connectEntra(
  deps: AppDeps,
  settings: Settings,
  options: ConnectOptions,
  candidateSecret?: string,
) {
  const clientSecret = candidateSecret ?? (await readSecret(deps.kv, 'clientSecret'));
  if (!clientSecret)
    throw new SyncError(
      'secret-missing',
      "No client secret is stored. Enter the Entra app registration's client secret value on the admin page and save.",
    );
  return deps.directories.entra(settings, clientSecret, options);
}

/** The Jira adapter for a write identity (the API token, when used, is read from secret storage now). */
export async function connectJira(deps: AppDeps, actor: RunActor, options: ConnectOptions, candidateToken?: string) {
  const apiToken = actor.mode === 'apiToken' ? (candidateToken ?? (await readSecret(deps.kv, 'apiToken'))) : undefined;
  if (actor.mode === 'apiToken' && !apiToken)
    throw new SyncError(
      'token-invalid',
      `No API token is stored for ${actor.email}. Enter the service account's API token on the admin page and save.`,
    );
  return deps.directories.jira(actor, apiToken, options);
}

/** Builds a run's adapters. */
export async function connectRun(deps: AppDeps, run: RunRecord, options: ConnectOptions) {
  return { entra: await connectEntra(deps, run.settings, options), jira: await connectJira(deps, run.actor, options) };
}

/** The engine's view of the app's dependencies. */
export function engineDepsOf(deps: AppDeps): EngineDeps {
  return {
    kv: withStorageRetries(deps.kv, deps.clock),
    queue: deps.queue,
    clock: deps.clock,
    newId: deps.newId,
    limits: deps.limits,
    log: deps.log,
    connect: (run, options) => connectRun(deps, run, options),
  };
}
