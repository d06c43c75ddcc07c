import type { AppDeps } from '../app-deps';
import { SyncError } from '../core/errors';
import { readSecret } from '../settings/settings-store';
import type { ConnectOptions, EngineDeps } from './engine-deps';
import { withStorageRetries } from './retrying-kv';
import type { RunRecord } from './run-record';

/** Builds a run's adapters; secrets are read from secret storage now and never stored in the run. */
export async function connectRun(deps: AppDeps, run: RunRecord, options: ConnectOptions) {
  const clientSecret = await readSecret(deps.kv, 'clientSecret');
  if (!clientSecret) throw new SyncError('secret-missing', 'No client secret is stored. Enter the Entra app registration\'s client secret value on the admin page and save.');
  const apiToken = run.actor.mode === 'apiToken' ? await readSecret(deps.kv, 'apiToken') : undefined;
  if (run.actor.mode === 'apiToken' && !apiToken) throw new SyncError('token-invalid', `No API token is stored for ${run.actor.email}. Enter the service account's API token on the admin page and save.`);
  return { entra: deps.directories.entra(run.settings, clientSecret, options), jira: deps.directories.jira(run.actor, apiToken, options) };
}

/** The engine's view of the app's dependencies. */
export function engineDepsOf(deps: AppDeps): EngineDeps {
  return { kv: withStorageRetries(deps.kv, deps.clock), queue: deps.queue, clock: deps.clock, newId: deps.newId, limits: deps.limits, log: deps.log, connect: (run, options) => connectRun(deps, run, options) };
}
