import { jsonResponse, proxyError } from './forge-responses';

/**
 * Forge's per-installation and per-invocation budgets (forge-platform.md §3.3, §4.3, §7; the
 * "Platform quotas and limits" and "KVS and Custom Entity Store limits" pages):
 * - KVS: 4,000 "10KB-request units" a minute per installation; per key 12 MB/s read, 1 MB/s written.
 * - Async events: 500 a minute per installation.
 * - Offline user impersonation tokens: 1,000 a minute per app.
 * - Egress (external fetch, product requests excluded): 100 per runtime-minute per invocation.
 */
export const FORGE_BUDGETS = {
  kvsUnitBytes: 10 * 1024,
  kvsUnitsPerMinute: 4000,
  kvsKeyReadBytesPerSecond: 12 * 1024 * 1024,
  kvsKeyWriteBytesPerSecond: 1024 * 1024,
  eventsPerMinute: 500,
  impersonationTokensPerMinute: 1000,
  egressPerRuntimeMinute: 100,
  /** Not a rate but a limit: a KVS value's size (forge-platform.md §4.3, "KVS and Custom Entity Store limits"). */
  kvsValueBytes: 240 * 1024,
};
export type BudgetLimits = typeof FORGE_BUDGETS;

const MINUTE = 60_000;

/** What the budgets counted, since the runtime started. */
export interface BudgetCounts {
  kvsUnits: number;
  kvsReads: number;
  kvsWrites: number;
  /** The largest value written, bytes. */
  kvsLargestValue: number;
  /** The most KVS units any one window of the budget (a minute on the runtime's clock) used since `restartPeak`. */
  kvsMostInMinute: number;
  events: number;
  impersonationTokens: number;
  egress: number;
  /** Requests each budget refused (throttled), by budget. */
  throttled: Record<'kvs' | 'events' | 'impersonation' | 'egress', number>;
}

/** A fixed window of `ms` on the runtime's clock (Forge documents "per minute"; a fixed window is the strict reading). */
class Window {
  start = -Infinity;
  used = 0;

  constructor(
    private readonly limit: number,
    private readonly ms: number,
  ) {}

  /** Whether one more request fits; the request that crosses the limit is admitted, the next is not. */
  admits(now: number): boolean {
    if (now - this.start >= this.ms) {
      this.start = now - (now % this.ms);
      this.used = 0;
    }
    return this.used < this.limit;
  }

  /** Seconds until the window resets (Retry-After). */
  secondsLeft(now: number): number {
    return Math.max(1, Math.ceil((this.start + this.ms - now) / 1000));
  }
}

/**
 * The budgets of one installation of the app, on the runtime's clock. `enforce: false` counts
 * without refusing (what a run would have cost); enforced, an over-budget request gets Forge's
 * answer: KVS 429 RATE_LIMIT_EXCEEDED, an event push 429 (@forge/events RateLimitError), an
 * impersonated product request or an egress request a 429 from the platform proxy.
 */
export class PlatformBudgets {
  private readonly limits: BudgetLimits;
  private readonly kvsWindow: Window;
  private readonly eventWindow: Window;
  private readonly tokenWindow: Window;
  private keySecond = -1;
  private readonly keyBytes = new Map<string, { read: number; written: number }>();
  private readonly tokens = new Set<string>();
  private readonly counts: BudgetCounts = {
    kvsUnits: 0,
    kvsReads: 0,
    kvsWrites: 0,
    kvsLargestValue: 0,
    kvsMostInMinute: 0,
    events: 0,
    impersonationTokens: 0,
    egress: 0,
    throttled: { kvs: 0, events: 0, impersonation: 0, egress: 0 },
  };

  /** `limits`: Forge's (default), or smaller ones for tests that reach them with a small tenant. */
  constructor(
    private readonly now: () => number,
    readonly enforce = true,
    limits: Partial<BudgetLimits> = {},
  ) {
    this.limits = { ...FORGE_BUDGETS, ...limits };
    this.kvsWindow = new Window(this.limits.kvsUnitsPerMinute, MINUTE);
    this.eventWindow = new Window(this.limits.eventsPerMinute, MINUTE);
    this.tokenWindow = new Window(this.limits.impersonationTokensPerMinute, MINUTE);
  }

  /** The largest KVS value this installation may store (Forge's 240 KiB, or smaller in tests). */
  get kvsValueBytes(): number {
    return this.limits.kvsValueBytes;
  }

  /** Units of the current window charged before `restartPeak` (not the new count's). */
  private kvsPeakBase = { start: Number.NaN, used: 0 };

  /** Starts the KVS peak again: only units charged from now on count (a benchmark's next run). */
  restartPeak(): void {
    this.counts.kvsMostInMinute = 0;
    this.kvsPeakBase = { start: this.kvsWindow.start, used: this.kvsWindow.used };
  }

  totals(): BudgetCounts {
    return { ...this.counts, throttled: { ...this.counts.throttled } };
  }

  /** Before a KVS request on `key` (writes: `writeBytes` of value): a 429 when over a budget, else null. */
  kvsAdmit(key: string, writeBytes: number | null): Response | null {
    const now = this.now();
    this.rollKeySecond(now);
    const perKey = this.keyBytes.get(key);
    const keyOver =
      perKey !== undefined &&
      (writeBytes !== null
        ? perKey.written >= this.limits.kvsKeyWriteBytesPerSecond
        : perKey.read >= this.limits.kvsKeyReadBytesPerSecond);
    if (!this.kvsWindow.admits(now) || keyOver)
      return this.refuse('kvs', () =>
        jsonResponse(429, { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded' }),
      );
    return null;
  }

  /** After a KVS request was served: charges its units (reads by the bytes returned, writes by the bytes stored). */
  kvsCharge(key: string, bytes: number, write: boolean): void {
    const units = Math.max(1, Math.ceil(bytes / this.limits.kvsUnitBytes));
    this.kvsWindow.used += units;
    const before = this.kvsPeakBase.start === this.kvsWindow.start ? this.kvsPeakBase.used : 0;
    this.counts.kvsMostInMinute = Math.max(this.counts.kvsMostInMinute, this.kvsWindow.used - before);
    this.counts.kvsUnits += units;
    this.rollKeySecond(this.now());
    const perKey = this.keyBytes.get(key) ?? { read: 0, written: 0 };
    if (write) {
      this.counts.kvsWrites++;
      perKey.written += bytes;
      this.counts.kvsLargestValue = Math.max(this.counts.kvsLargestValue, bytes);
    } else {
      this.counts.kvsReads++;
      perKey.read += bytes;
    }
    this.keyBytes.set(key, perKey);
  }

  /** Per-key rates are per second: a new second starts every key afresh. */
  private rollKeySecond(now: number): void {
    const second = Math.floor(now / 1000);
    if (second !== this.keySecond) {
      this.keySecond = second;
      this.keyBytes.clear();
    }
  }

  /** A push of `count` events: a 429 when it would pass the minute's events, else null (and counts them). */
  eventsAdmit(count: number): Response | null {
    const now = this.now();
    if (!this.eventWindow.admits(now) || this.eventWindow.used + count > this.limits.eventsPerMinute) {
      const refusal = this.refuse(
        'events',
        () =>
          new Response(JSON.stringify({ message: 'Rate limit exceeded' }), {
            status: 429,
            headers: { 'content-type': 'application/json', 'retry-after': String(this.eventWindow.secondsLeft(now)) },
          }),
      );
      if (refusal) return refusal;
    }
    this.eventWindow.used += count;
    this.counts.events += count;
    return null;
  }

  /**
   * An impersonated product request. The limit counts token requests; Forge does not say how long a
   * token lives, so the runtime assumes one token per impersonated account per invocation (a new
   * invocation asks again).
   */
  impersonationAdmit(invocationId: string, accountId: string): Response | null {
    const id = `${invocationId}:${accountId}`;
    if (this.tokens.has(id)) return null;
    const now = this.now();
    if (!this.tokenWindow.admits(now)) {
      const refusal = this.refuse('impersonation', () => proxyError(429, 'RATE_LIMIT_EXCEEDED'));
      if (refusal) return refusal;
    }
    this.tokenWindow.used++;
    this.counts.impersonationTokens++;
    this.tokens.add(id);
    return null;
  }

  /** The invocation is over: its tokens are not reused. */
  endInvocation(invocationId: string): void {
    for (const id of this.tokens) if (id.startsWith(`${invocationId}:`)) this.tokens.delete(id);
  }

  /** An egress request of an invocation that has made `made` so far and started at `startedAt`. */
  egressAdmit(made: number, startedAt: number): Error | null {
    const minutes = Math.max(1, Math.ceil((this.now() - startedAt) / MINUTE));
    if (made >= this.limits.egressPerRuntimeMinute * minutes) {
      const refusal = this.refuse('egress', () =>
        Object.assign(
          new Error(
            `Egress limit reached: ${this.limits.egressPerRuntimeMinute} requests per runtime-minute per invocation`,
          ),
          { name: 'REQUEST_EGRESS_RATE_LIMIT_ERR' },
        ),
      );
      if (refusal) return refusal;
    }
    this.counts.egress++;
    return null;
  }

  private refuse<T>(budget: keyof BudgetCounts['throttled'], answer: () => T): T | null {
    this.counts.throttled[budget]++;
    return this.enforce ? answer() : null;
  }
}
