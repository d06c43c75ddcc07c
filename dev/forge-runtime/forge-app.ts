import path from 'node:path';
import type { QueuedEvent } from '../host/in-process-queue';
import { SIM_SITE_URL } from '../sim/jira/jira-simulator';
import type { EngineLimits, StepOutcome } from '../../src/engine';
import type { TickOutcome } from '../../src/handlers/scheduled-tick';
import type { KeyValueStore } from '../../src/ports/key-value-store';
import type { SyncEventBody } from '../../src/ports/work-queue';
import type { Envelope } from '../../src/shared/resolver-contract';
import type { InProcessQueue } from '../host/in-process-queue';
import { bundleFile } from './bundle';
import type { WebTriggerRequest } from './forge-runtime';
import { ForgeRuntime } from './forge-runtime';
import { readManifestRules } from './manifest-rules';
import type { BudgetLimits } from './platform-budgets';
import type { SandboxTime } from './sandbox';

const ROOT = path.resolve(__dirname, '../..');
export const MANIFEST_FILE = path.join(ROOT, 'manifest.yml');
export const LOCAL_CLOUD_ID = '00000000-0000-4000-8000-00000000c10d';

/** The exported handlers as the page, the scheduled trigger and the queue reach them. */
export interface ForgeApp {
  runtime: ForgeRuntime;
  /** `invoke(name, payload)` from the admin page as `caller`; a function that throws rejects, as on Forge. */
  resolve(name: string, payload: unknown, caller: { accountId?: string }): Promise<Envelope<unknown>>;
  /** One scheduled-trigger invocation; answers the outcome the handler logs. */
  onScheduledTick(): Promise<TickOutcome>;
  /** One consumer invocation with an event of this body (any value, as a hostile push could send). */
  onSyncEvent(body: unknown): Promise<StepOutcome>;
  /** One consumer invocation with a queued event (its id and retry count carried over). */
  deliver(event: QueuedEvent): Promise<StepOutcome>;
  webTrigger(
    moduleKey: string,
    request: Partial<WebTriggerRequest>,
  ): Promise<{ statusCode: number; headers?: Record<string, string[]>; body?: string }>;
}

export interface ForgeAppOptions {
  kv: KeyValueStore;
  queue: InProcessQueue;
  time: SandboxTime;
  /** The Jira site: the simulator, or a real site whose service account stands in for every Forge identity. */
  jira: { baseUrl: string; serviceAccount?: { email: string; token: string } };
  /** Graph simulator base URL; absent means Microsoft's real hosts. */
  graphUrl?: string;
  limits?: Partial<EngineLimits>;
  log?: (line: string) => void;
  webTriggerBaseUrl?: () => string;
  bundle?: string;
  manifest?: string;
  /** More Forge environment variables of the app. */
  env?: Record<string, string>;
  /** Forge's budgets: enforced (default) or only counted, and smaller limits for tests. */
  budgets?: { enforce?: boolean; limits?: Partial<BudgetLimits> };
  /** The host's network for egress and product requests (default: Node's fetch). */
  network?: typeof fetch;
}

/** The deployed bundle on the local Forge runtime, wired to the simulators (or real services). */
export function startForgeApp(options: ForgeAppOptions): ForgeApp {
  const rules = readManifestRules(options.manifest ?? MANIFEST_FILE);
  const microsoft = rules.egress.filter((address) => !address.includes('*'));
  const siteOrigin = options.jira.serviceAccount ? new URL(options.jira.baseUrl).origin : SIM_SITE_URL;
  const runtime = new ForgeRuntime({
    rules,
    kv: options.kv,
    queue: options.queue,
    bundleFile: options.bundle ?? bundleFile(),
    time: options.time,
    site: { cloudId: LOCAL_CLOUD_ID, siteUrl: siteOrigin },
    jira: {
      baseUrl: options.jira.baseUrl,
      authorization: (identity) => {
        const account = options.jira.serviceAccount;
        if (account) return `Basic ${Buffer.from(`${account.email}:${account.token}`).toString('base64')}`;
        return identity.kind === 'app' ? 'Bearer forge-app' : `Bearer forge-user:${identity.accountId}`;
      },
    },
    egressRoutes: (origin) => {
      if (origin === siteOrigin) return options.jira.serviceAccount ? undefined : options.jira.baseUrl;
      return options.graphUrl && microsoft.includes(origin) ? options.graphUrl : undefined;
    },
    webTriggerBaseUrl: options.webTriggerBaseUrl ?? (() => 'http://127.0.0.1'),
    network: options.network ?? ((input, init) => fetch(input, init)),
    env: {
      ...options.env,
      ...(options.limits && Object.keys(options.limits).length > 0
        ? { ENGINE_LIMITS: JSON.stringify(options.limits) }
        : {}),
    },
    log: options.log,
    enforceBudgets: options.budgets?.enforce,
    budgetLimits: options.budgets?.limits,
  });
  const queueName = [...rules.consumers.keys()][0] as string;
  return {
    runtime,
    async resolve(name, payload, caller) {
      return (await runtime.invokeResolver(name, payload, caller.accountId)).value as Envelope<unknown>;
    },
    async onScheduledTick() {
      const key = [...rules.scheduledTriggers.keys()][0] as string;
      const { logs } = await runtime.invokeScheduledTrigger(key);
      const failed = logs.find((line) => line.includes('Scheduled tick failed'));
      if (failed) throw new Error(failed);
      const outcome = logs.map((line) => /Scheduled tick: (\S+)/.exec(line)?.[1]).find(Boolean);
      if (!outcome) throw new Error('The scheduled trigger logged no outcome');
      return outcome as TickOutcome;
    },
    async onSyncEvent(body) {
      return (await runtime.invokeConsumer(queueName, { body: body as SyncEventBody, dueAt: options.time.now() }))
        .value as StepOutcome;
    },
    async deliver(event) {
      return (await runtime.invokeConsumer(queueName, event)).value as StepOutcome;
    },
    async webTrigger(moduleKey, request) {
      const full: WebTriggerRequest = {
        method: 'POST',
        path: '/',
        headers: {},
        queryParameters: {},
        body: '',
        ...request,
      };
      return (await runtime.invokeWebTrigger(moduleKey, full)).value as {
        statusCode: number;
        headers?: Record<string, string[]>;
        body?: string;
      };
    },
  };
}
