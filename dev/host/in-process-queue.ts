import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { QueueEvent, SyncEventBody, WorkQueue } from '../../src/ports/work-queue';

export interface QueuedEvent {
  body: SyncEventBody;
  /** Epoch ms (of the queue's clock) when the event becomes deliverable. */
  dueAt: number;
  /** Forge's event id, the same on every retry of the event. */
  eventId?: string;
  /** Deliveries that failed so far (Forge's retryContext.retryCount). */
  retries?: number;
}

/**
 * Forge async events stand-in: validates pushes like @forge/events and the platform (≤50 events,
 * ≤200 KB, delay 0..900 s, concurrency limit ≥ 1) and keeps events until delivered. With a file,
 * pending events survive a restart as Forge's do (a run resumes at once, not at the next
 * stall check). `drain` in tests delivers everything by moving a virtual clock;
 * `startDelivering` runs them in real time.
 */
export class InProcessQueue implements WorkQueue {
  readonly pending: QueuedEvent[] = [];
  pushed = 0;

  constructor(
    private readonly now: () => number,
    private readonly file?: string,
  ) {
    if (file && fs.existsSync(file)) this.pending.push(...(JSON.parse(fs.readFileSync(file, 'utf8')) as QueuedEvent[]));
  }

  async push(events: QueueEvent[]): Promise<void> {
    if (events.length > 50) throw new Error('TooManyEventsError: at most 50 events per push');
    if (Buffer.byteLength(JSON.stringify(events.map((e) => e.body))) > 200 * 1024)
      throw new Error('PayloadTooBigError: at most 200 KB per push');
    for (const event of events) {
      const delay = event.delaySeconds ?? 0;
      if (delay < 0 || delay > 900) throw new Error('InvalidPushSettingsError: delayInSeconds must be 0..900');
      if (
        event.concurrency &&
        !(Number.isInteger(event.concurrency.limit) && event.concurrency.limit >= 1 && event.concurrency.key)
      )
        throw new Error('InvalidPushSettingsError: concurrency needs a key and a limit of at least 1');
    }
    for (const event of events) {
      this.pending.push({
        body: structuredClone(event.body),
        dueAt: this.now() + (event.delaySeconds ?? 0) * 1000,
        eventId: randomUUID(),
      });
      this.pushed++;
    }
    this.save();
  }

  /** Removes and returns the event due first. */
  takeNext(): QueuedEvent | undefined {
    if (this.pending.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < this.pending.length; i++)
      if ((this.pending[i] as QueuedEvent).dueAt < (this.pending[best] as QueuedEvent).dueAt) best = i;
    const [next] = this.pending.splice(best, 1);
    this.save();
    return next;
  }

  /** Puts an event back (a failed delivery to retry, or one not yet due). */
  requeue(event: QueuedEvent): void {
    this.pending.push(event);
    this.save();
  }

  /**
   * Delivers events in real time until `stop` is called (the local host). An event stays in the
   * file until its delivery has finished, so a restart mid-delivery delivers it again, as Forge's
   * at-least-once delivery may.
   */
  startDelivering(deliver: (event: QueuedEvent) => Promise<unknown>, onError: (error: unknown) => void): () => void {
    let stopped = false;
    const loop = async (): Promise<void> => {
      while (!stopped) {
        const due = this.pending.filter((e) => e.dueAt <= this.now()).sort((a, b) => a.dueAt - b.dueAt)[0];
        if (!due) {
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        try {
          await deliver(due);
          this.remove(due);
        } catch (error) {
          // Forge retries a failed event with backoff; the local host does the same after a pause.
          onError(error);
          this.remove(due);
          this.requeue({ ...due, dueAt: this.now() + 5_000, retries: (due.retries ?? 0) + 1 });
        }
      }
    };
    void loop();
    return () => {
      stopped = true;
    };
  }

  private remove(event: QueuedEvent): void {
    const index = this.pending.indexOf(event);
    if (index >= 0) this.pending.splice(index, 1);
    this.save();
  }

  private save(): void {
    if (this.file) fs.writeFileSync(this.file, JSON.stringify(this.pending));
  }
}
