/** Events carry only a run id and a step hint; state lives in KVS (events are capped at 200 KB per push). */
export interface SyncEventBody {
  runId: string;
  [key: string]: unknown;
}

export interface QueueEvent {
  body: SyncEventBody;
  delaySeconds?: number;
  /** At most `limit` events with this key run at once across the installation. */
  concurrency?: { key: string; limit: number };
}

export interface WorkQueue {
  push(events: QueueEvent[]): Promise<void>;
}
