/**
 * How the simulated Graph delivers change notifications to a subscriber: batched per URL, after a
 * delay, retried on failure, with duplicates and out-of-order delivery on request. Graph waits 3 s
 * for a 2xx and then retries for up to 4 hours (docs/change-notifications-facts.md §3); here the retries are few
 * and quick so tests stay short.
 */
export interface DeliveryOptions {
  /** Real milliseconds between a change and its delivery (Graph's latency for users and groups is undocumented). */
  delayMs: number;
  /** Deliver every collection twice (Graph promises at-least-once delivery). */
  duplicate: boolean;
  /** Deliver the notifications of a batch in reverse order. */
  outOfOrder: boolean;
  /** Attempts per collection before it is dropped (Graph: retries for up to 4 hours). */
  attempts: number;
  retryDelayMs: number;
}

export interface DeliveryRecord {
  url: string;
  notifications: number;
  status: number | 'timeout' | 'network-error';
  at: number;
}

/** Graph publishes with an HTTP client that gives up after 3 s. */
const RESPONSE_TIMEOUT_MS = 3_000;

export class NotificationDelivery {
  readonly options: DeliveryOptions = {
    delayMs: 0,
    duplicate: false,
    outOfOrder: false,
    attempts: 3,
    retryDelayMs: 200,
  };
  readonly log: DeliveryRecord[] = [];
  private readonly batches = new Map<string, { items: unknown[]; timer: NodeJS.Timeout }>();
  private readonly inFlight = new Set<Promise<void>>();

  /** Queues one notification for `url`; those queued within the delay go out as one collection. */
  enqueue(url: string, notification: unknown): void {
    const batch = this.batches.get(url);
    if (batch) {
      batch.items.push(notification);
      return;
    }
    const timer = setTimeout(() => {
      const items = this.batches.get(url)?.items ?? [];
      this.batches.delete(url);
      this.track(this.send(url, this.options.outOfOrder ? [...items].reverse() : items));
      if (this.options.duplicate) this.track(this.send(url, items));
    }, this.options.delayMs);
    this.batches.set(url, { items: [notification], timer });
  }

  /** Sends a collection at once (lifecycle events, replays); resolves with the final status. */
  async sendNow(url: string, items: unknown[]): Promise<DeliveryRecord['status']> {
    const sending = this.send(url, items);
    this.track(sending);
    await sending;
    return this.log.filter((r) => r.url === url).at(-1)?.status ?? 'network-error';
  }

  /** Resolves once every queued and in-flight delivery is done. */
  async flush(): Promise<void> {
    while (this.batches.size > 0 || this.inFlight.size > 0) {
      for (const [url, batch] of [...this.batches]) {
        clearTimeout(batch.timer);
        this.batches.delete(url);
        this.track(this.send(url, this.options.outOfOrder ? [...batch.items].reverse() : batch.items));
        if (this.options.duplicate) this.track(this.send(url, batch.items));
      }
      await Promise.all([...this.inFlight]);
    }
  }

  close(): void {
    for (const batch of this.batches.values()) clearTimeout(batch.timer);
    this.batches.clear();
  }

  private track(sending: Promise<void>): void {
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
  }

  private async send(url: string, items: unknown[]): Promise<void> {
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      const status = await post(url, JSON.stringify({ value: items }));
      this.log.push({ url, notifications: items.length, status, at: Date.now() });
      if (typeof status === 'number' && status >= 200 && status < 300) return;
      // Graph retries anything but a 2xx in time; 4xx answers are retried like the rest.
      await new Promise((r) => setTimeout(r, this.options.retryDelayMs));
    }
  }
}

async function post(url: string, body: string): Promise<DeliveryRecord['status']> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(RESPONSE_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    return error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network-error';
  }
}

/** Graph's validation request: POST {url}?validationToken=… (text/plain), answered within 10 s with the token as text/plain. */
export async function validateEndpoint(url: string, token: string): Promise<{ ok: true } | { ok: false; why: string }> {
  const target = new URL(url);
  target.searchParams.set('validationToken', token);
  try {
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (response.status !== 200) return { ok: false, why: `the endpoint answered HTTP ${response.status}` };
    if (
      !String(response.headers.get('content-type') ?? '')
        .toLowerCase()
        .startsWith('text/plain')
    )
      return { ok: false, why: 'the response is not text/plain' };
    if (text !== token) return { ok: false, why: 'the response body does not match the validationToken' };
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      why:
        error instanceof Error && error.name === 'TimeoutError'
          ? 'no answer within 10 seconds'
          : 'the endpoint could not be reached',
    };
  }
}
