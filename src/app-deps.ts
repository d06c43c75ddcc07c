// Deep imports, not the engine's face: the engine's connect step takes AppDeps, so the face would make a cycle.
import type { ConnectOptions, EngineLimits } from './engine/run/deps';
import type { RunActor } from './engine/run/record';
import type { Clock } from './ports/clock';
import type { EntraDirectory, EntraDirectoryExtras } from './ports/entra-directory';
import type { JiraDirectory } from './ports/jira-directory';
import type { KeyValueStore } from './ports/key-value-store';
import type { WorkQueue } from './ports/work-queue';
import type { Settings } from './settings/schema';

export interface CallerPermissions {
  jiraAdmin: boolean;
  siteAdmin: boolean;
}

/** Builds directory adapters; the composition root decides the transport (Forge or local simulators). */
export interface DirectoryFactory {
  entra(settings: Settings, clientSecret: string, options: ConnectOptions): EntraDirectory & EntraDirectoryExtras;
  jira(actor: RunActor, apiToken: string | undefined, options: ConnectOptions): JiraDirectory;
}

/** Everything the app needs from its host; `src/composition.ts` (Forge) and `dev/host` (local) provide it. */
export interface AppDeps {
  kv: KeyValueStore;
  queue: WorkQueue;
  clock: Clock;
  newId: () => string;
  directories: DirectoryFactory;
  /** The caller's rights; `deadline` (epoch ms) bounds its waits to the resolver's time. */
  callerPermissions(accountId: string, deadline?: () => number): Promise<CallerPermissions>;
  limits: EngineLimits;
  /** Time a resolver may spend on remote calls (Forge gives resolvers 25 s). */
  resolverBudgetMs: number;
  log?: (message: string) => void;
  /** The web trigger's URL Graph delivers change notifications to (Forge: webTrigger.getUrl); absent where the host has none. */
  notificationUrl?: () => Promise<string>;
  /** Seconds change notifications are gathered before they start one incremental run. */
  notificationDebounceSeconds?: number;
}
