import type { Clock } from '../../src/ports/clock';

/**
 * A clock whose waits are instant: `sleep` and queue delays move it forward instead of blocking.
 * The scenario runner and tests use it so a Retry-After of 60 s costs no real time.
 */
export class VirtualClock implements Clock {
  private offset = 0;

  now(): number {
    return Date.now() + this.offset;
  }

  async sleep(ms: number): Promise<void> {
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
