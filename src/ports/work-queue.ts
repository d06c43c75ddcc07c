/** Events carry only a run id and a step hint; state lives in KVS (events are capped at 200 KB per push). */
export interface SyncEventBody {
  runId: string;
  [key: string]: unknown;
}

export interface WorkQueue {
  push(events: Array<{ body: SyncEventBody; delaySeconds?: number }>): Promise<void>;
}
