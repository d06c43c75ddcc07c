import type { Clock } from '../../src/ports/clock';

/**
 * A clock whose waits are instant: `sleep` and queue delays move it forward instead of blocking.
 * The scenario runner and tests use it so a Retry-After of 60 s costs no real time. It starts at
 * `start` (a fixed instant, for tests whose answers depend on the date) or at the real time.
 */
export class VirtualClock implements Clock {
  private offset = 0;
  /** Every `sleep` asked for, in ms and in order (tests check retry waits without waiting). */
  readonly sleeps: number[] = [];

  constructor(private readonly start?: number) {}

  now(): number {
    return (this.start ?? Date.now()) + this.offset;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.advance(ms);
  }

  advance(ms: number): void {
    if (ms > 0) this.offset += ms;
  }

  /** Total time skipped, for reports. */
  skippedMs(): number {
    return this.offset;
  }
}
