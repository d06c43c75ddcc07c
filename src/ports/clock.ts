export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Waits; adapters use it for short in-invocation backoff only. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
