import { Queue, RateLimitError } from '@forge/events';
import type { WorkQueue } from '../../ports/work-queue';

/** The sync queue the consumer module listens on (manifest.yml). */
export const SYNC_QUEUE_KEY = 'entra-sync-steps';
// Forge takes 500 events a minute per installation (forge-platform.md §3.3): a refused push waits
// for the next minute, twice at most; past that the step fails and Forge redelivers its event.
const THROTTLE_WAIT_MS = 60_000;
const THROTTLE_WAITS = 2;

export function forgeWorkQueue(): WorkQueue {
  const queue = new Queue({ key: SYNC_QUEUE_KEY });
  return {
    async push(events) {
      const payload = events.map((e) => ({
        body: e.body,
        ...(e.delaySeconds ? { delayInSeconds: e.delaySeconds } : {}),
        ...(e.concurrency ? { concurrency: e.concurrency } : {}),
      }));
      for (let waits = 0; ; waits++) {
        try {
          await queue.push(payload);
          return;
        } catch (error) {
          if (!(error instanceof RateLimitError) || waits >= THROTTLE_WAITS) throw error;
          await new Promise((resolve) => setTimeout(resolve, THROTTLE_WAIT_MS));
        }
      }
    },
  };
}
