import type { AppDeps } from './app-deps';
import type { Caller } from './handlers/admin-resolver';
import { createAdminResolvers } from './handlers/admin-resolver';
import type { TickOutcome } from './handlers/scheduled-tick';
import { scheduledTick } from './handlers/scheduled-tick';
import { syncConsumer } from './handlers/sync-consumer';
import type { StepOutcome } from './engine';
import type { Envelope } from './shared/resolver-contract';
import { handleChangeNotifications } from './handlers/change-notifications';
import type { WebTriggerRequest, WebTriggerResponse } from './ports/web-trigger';

/** The app independent of its host: the Forge composition and the local host both wrap this. */
export interface App {
  resolve(name: string, payload: unknown, caller: Caller): Promise<Envelope<unknown>>;
  onScheduledTick(): Promise<TickOutcome>;
  onSyncEvent(body: unknown): Promise<StepOutcome>;
  /** The web trigger Graph sends change notifications to. */
  onWebTrigger(request: WebTriggerRequest): Promise<WebTriggerResponse>;
}

export function createApp(deps: AppDeps): App {
  const resolve = createAdminResolvers(deps);
  return {
    resolve,
    onScheduledTick: () => scheduledTick(deps),
    onSyncEvent: (body) => syncConsumer(deps, body),
    onWebTrigger: (request) => handleChangeNotifications(deps, request),
  };
}
