import { randomUUID } from 'node:crypto';
import type { QueuedEvent } from '../host/in-process-queue';
import { egressFetch } from './egress-fetch';
import type { Invocation } from './invocation';
import { checkAlive, FunctionError, InvocationTimeoutError, UnknownModuleError } from './invocation';
import type { PlatformServices } from './platform-fetch';
import { platformFetch } from './platform-fetch';
import type { BudgetLimits } from './platform-budgets';
import { PlatformBudgets } from './platform-budgets';
import type { SandboxTime } from './sandbox';
import { loadBundleInSandbox } from './sandbox';

// Invocation limits (forge-platform.md §7): resolvers 25 s; other functions 55 s unless timeoutSeconds.
const RESOLVER_SECONDS = 25;
const DEFAULT_SECONDS = 55;
const MAX_CONTAINERS = 8;

export interface ForgeRuntimeOptions extends Omit<PlatformServices, 'budgets'> {
  bundleFile: string;
  time: SandboxTime;
  site: { cloudId: string; siteUrl: string };
  /** Egress origin → local base URL (simulators); unmapped allowed origins are fetched for real. */
  egressRoutes(origin: string): string | undefined;
  /** Every line a function logs, as `forge logs` would show it. */
  log?: (line: string) => void;
  /** Forge environment variables of the app (e.g. ENGINE_LIMITS). */
  env?: Record<string, string>;
  /** Refuse what goes over Forge's budgets (default), or only count it. */
  enforceBudgets?: boolean;
  /** Smaller budgets than Forge's (tests reaching them with a small tenant). */
  budgetLimits?: Partial<BudgetLimits>;
}

export interface InvocationResult {
  value: unknown;
  logs: string[];
}

export interface WebTriggerRequest {
  method: string;
  path: string;
  headers: Record<string, string[]>;
  queryParameters: Record<string, string[]>;
  body: string;
}

interface Container {
  exports: Record<string, unknown>;
  current: Invocation | null;
}

/**
 * A local Forge runtime: runs the deployed bundle's functions as manifest.yml names them, with
 * Forge-shaped invocation payloads, Forge's globals for Atlassian's own packages, the manifest's
 * permissions enforced, and Forge's time limits. Each concurrent invocation gets a container of
 * its own (a fresh V8 context with the bundle loaded), reused afterwards as a warm one.
 */
export class ForgeRuntime {
  private readonly idle: Container[] = [];
  private containers = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly installContext: string;
  /** This installation's Forge budgets (KVS units, events, impersonation tokens, egress), on the runtime's clock. */
  readonly budgets: PlatformBudgets;
  private readonly services: PlatformServices;

  constructor(private readonly options: ForgeRuntimeOptions) {
    this.installContext = `ari:cloud:jira::site/${options.site.cloudId}`;
    this.budgets = new PlatformBudgets(() => options.time.now(), options.enforceBudgets ?? true, options.budgetLimits);
    this.services = { ...options, budgets: this.budgets };
  }

  /** An admin page's `invoke(functionKey, payload)` by the signed-in user `accountId`. */
  invokeResolver(functionKey: string, payload: unknown, accountId: string | undefined): Promise<InvocationResult> {
    const fn = this.options.rules.resolverFunction;
    const context = {
      accountId,
      cloudId: this.options.site.cloudId,
      siteUrl: this.options.site.siteUrl,
      moduleKey: 'entra-sync-admin-page',
      extension: { type: 'jira:adminPage' },
      localId: 'local',
    };
    return this.invoke(fn, 'entra-sync-admin-page', accountId, RESOLVER_SECONDS, (handler) =>
      handler(
        { call: { functionKey, payload }, context },
        { principal: accountId ? { accountId } : undefined, installContext: this.installContext },
      ),
    );
  }

  invokeScheduledTrigger(moduleKey: string): Promise<InvocationResult> {
    const fn = this.options.rules.scheduledTriggers.get(moduleKey);
    if (!fn) throw new UnknownModuleError(`scheduledTrigger module ${moduleKey}`);
    return this.invoke(fn, moduleKey, undefined, this.timeLimit(fn), (handler) =>
      handler({ context: { cloudId: this.options.site.cloudId, moduleKey } }, { installContext: this.installContext }),
    );
  }

  /** Delivers one async event to the consumer of its queue (@forge/events 2.x+ shape). */
  invokeConsumer(queueName: string, event: QueuedEvent): Promise<InvocationResult> {
    const fn = this.options.rules.consumers.get(queueName);
    if (!fn) throw new UnknownModuleError(`consumer module for queue ${queueName}`);
    const asyncEvent = {
      body: event.body,
      queueName,
      jobId: event.eventId ?? randomUUID(),
      eventId: event.eventId ?? randomUUID(),
      ...(event.retries
        ? { retryContext: { retryCount: event.retries, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: null } }
        : {}),
    };
    return this.invoke(fn, `consumer:${queueName}`, undefined, this.timeLimit(fn), (handler) =>
      handler(asyncEvent, { installContext: this.installContext }),
    );
  }

  /** A request to a webtrigger module's URL, in Forge's request shape; answers Forge's response shape. */
  invokeWebTrigger(moduleKey: string, request: WebTriggerRequest): Promise<InvocationResult> {
    const fn = this.options.rules.webTriggers.get(moduleKey);
    if (!fn) throw new UnknownModuleError(`webtrigger module ${moduleKey}`);
    return this.invoke(fn, moduleKey, undefined, this.timeLimit(fn), (handler) =>
      handler(
        { ...request, context: { cloudId: this.options.site.cloudId, moduleKey } },
        { installContext: this.installContext },
      ),
    );
  }

  private timeLimit(functionKey: string): number {
    return this.options.rules.functions.get(functionKey)?.timeoutSeconds ?? DEFAULT_SECONDS;
  }

  private async invoke(
    functionKey: string,
    moduleKey: string,
    principal: string | undefined,
    seconds: number,
    call: (handler: (...args: unknown[]) => unknown) => unknown,
  ): Promise<InvocationResult> {
    const fn = this.options.rules.functions.get(functionKey);
    if (!fn) throw new UnknownModuleError(`function ${functionKey}`);
    const container = await this.acquire();
    const startedAt = this.options.time.now();
    const invocation: Invocation = {
      id: randomUUID(),
      functionKey,
      moduleKey,
      principal,
      startedAt,
      deadline: startedAt + seconds * 1000,
      egress: 0,
      over: false,
      logs: [],
    };
    container.current = invocation;
    let timedOut = false;
    let realTimer: NodeJS.Timeout | undefined;
    try {
      const handler = container.exports[fn.exportName];
      if (typeof handler !== 'function')
        throw new Error(`The bundle does not export ${fn.exportName} (function ${functionKey})`);
      const limit = new Promise<never>((_, reject) => {
        realTimer = setTimeout(() => reject(new InvocationTimeoutError(functionKey, seconds)), seconds * 1000);
      });
      let value: unknown;
      try {
        value = await Promise.race([Promise.resolve(call(handler as (...args: unknown[]) => unknown)), limit]);
      } catch (error) {
        if (error instanceof InvocationTimeoutError) throw error;
        if (this.options.time.now() > invocation.deadline) throw new InvocationTimeoutError(functionKey, seconds);
        throw new FunctionError(functionKey, error);
      }
      if (this.options.time.now() > invocation.deadline) throw new InvocationTimeoutError(functionKey, seconds);
      return { value: value === undefined ? undefined : JSON.parse(JSON.stringify(value)), logs: invocation.logs };
    } catch (error) {
      timedOut = error instanceof InvocationTimeoutError;
      throw error;
    } finally {
      clearTimeout(realTimer);
      invocation.over = true;
      this.budgets.endInvocation(invocation.id);
      container.current = null;
      // A container stopped at its deadline is not reused: Forge kills it.
      this.release(timedOut ? null : container);
    }
  }

  private async acquire(): Promise<Container> {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.containers >= MAX_CONTAINERS) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      return this.acquire();
    }
    this.containers++;
    return this.newContainer();
  }

  private release(container: Container | null): void {
    if (container) this.idle.push(container);
    else this.containers--;
    this.waiting.shift()?.();
  }

  private newContainer(): Container {
    const { options } = this;
    const container: Container = { exports: {}, current: null };
    const alive = (what: string) => checkAlive(container.current, options.time.now(), what);
    const egress = egressFetch(options.rules, options.egressRoutes, options.network);
    const log =
      (level: string) =>
      (...args: unknown[]) => {
        const line = `${level} ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`;
        container.current?.logs.push(line);
        options.log?.(line);
      };
    const runtime = {
      appContext: {
        appId: '00000000-0000-4000-8000-000000000000',
        appVersion: 'local',
        environmentId: 'local',
        environmentType: 'DEVELOPMENT',
        installationId: options.site.cloudId,
        get invocationId() {
          return container.current?.id;
        },
        get moduleKey() {
          return container.current?.moduleKey;
        },
      },
      contextAri: `ari:cloud:jira::site/${options.site.cloudId}`,
      lambdaContext: {
        getRemainingTimeInMillis: () => Math.max(0, (container.current?.deadline ?? 0) - options.time.now()),
      },
      metrics: {
        counter: () => ({ incr: () => undefined }),
        timing: () => ({ measure: () => ({ stop: () => undefined }) }),
      },
    };
    container.exports = loadBundleInSandbox(
      options.bundleFile,
      {
        __forge_fetch__: (descriptor, path, init) =>
          platformFetch(this.services, alive(`${String(descriptor.type)} ${path}`), descriptor, path, init),
        __forge_runtime__: runtime,
        fetch: (input, init) => {
          const invocation = alive(`fetch ${String(input)}`);
          const refused = this.budgets.egressAdmit(invocation.egress, invocation.startedAt);
          if (refused) return Promise.reject(refused);
          invocation.egress++;
          return egress(input, init);
        },
        console: { log: log('INFO'), info: log('INFO'), warn: log('WARN'), error: log('ERROR'), debug: log('DEBUG') },
      },
      options.time,
      options.env,
    );
    return container;
  }
}
