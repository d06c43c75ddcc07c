import type { QueueEvent, SyncEventBody, WorkQueue } from '../../src/ports/work-queue';

export interface QueuedEvent {
  body: SyncEventBody;
  /** Epoch ms (of the queue's clock) when the event becomes deliverable. */
  dueAt: number;
}

/**
 * Forge async events stand-in: validates pushes like @forge/events (≤50 events, ≤200 KB, delay
 * 0..900 s) and keeps events until delivered. `drain` delivers everything (tests and the CLI run
 * each delayed event at once by moving a virtual clock); `startDelivering` runs them in real time.
 */
export class InProcessQueue implements WorkQueue {
  readonly pending: QueuedEvent[] = [];
  pushed = 0;

  constructor(private readonly now: () => number) {}

  async push(events: QueueEvent[]): Promise<void> {
    if (events.length > 50) throw new Error('TooManyEventsError: at most 50 events per push');
    if (Buffer.byteLength(JSON.stringify(events.map((e) => e.body))) > 200 * 1024) throw new Error('PayloadTooBigError: at most 200 KB per push');
    for (const event of events) {
      const delay = event.delaySeconds ?? 0;
      if (delay < 0 || delay > 900) throw new Error('InvalidPushSettingsError: delayInSeconds must be 0..900');
      this.pending.push({ body: structuredClone(event.body), dueAt: this.now() + delay * 1000 });
      this.pushed++;
    }
  }

  /** Removes and returns the event due first. */
  takeNext(): QueuedEvent | undefined {
    if (this.pending.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < this.pending.length; i++) if ((this.pending[i] as QueuedEvent).dueAt < (this.pending[best] as QueuedEvent).dueAt) best = i;
    return this.pending.splice(best, 1)[0];
  }

  /** Delivers events in real time until `stop` is called (the local host). */
  startDelivering(deliver: (body: SyncEventBody) => Promise<unknown>, onError: (error: unknown) => void): () => void {
    let stopped = false;
    const loop = async (): Promise<void> => {
      while (!stopped) {
        const next = this.pending.length ? this.takeNext() : undefined;
        if (!next) {
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        const wait = next.dueAt - this.now();
        if (wait > 0) {
          this.pending.push(next);
          await new Promise((r) => setTimeout(r, Math.min(wait, 200)));
          continue;
        }
        try {
          await deliver(next.body);
        } catch (error) {
          // Forge retries a failed event with backoff; the local host does the same after a pause.
          onError(error);
          this.pending.push({ body: next.body, dueAt: this.now() + 5_000 });
        }
      }
    };
    void loop();
    return () => {
      stopped = true;
    };
  }
}
