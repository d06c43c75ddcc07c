import { Queue } from '@forge/events';
import type { WorkQueue } from '../../ports/work-queue';

/** The sync queue the consumer module listens on (manifest.yml). */
export const SYNC_QUEUE_KEY = 'entra-sync-steps';

export function forgeWorkQueue(): WorkQueue {
  const queue = new Queue({ key: SYNC_QUEUE_KEY });
  return {
    async push(events) {
      await queue.push(events.map((e) => ({ body: e.body, ...(e.delaySeconds ? { delayInSeconds: e.delaySeconds } : {}), ...(e.concurrency ? { concurrency: e.concurrency } : {}) })));
    },
  };
}
