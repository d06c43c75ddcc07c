/** Samples the process's resident set size every `intervalMs`, keeping the peak since the last reset. */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 50) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }

  reset(): void {
    this.peak = 0;
    this.sample();
  }

  peakMb(): number {
    this.sample();
    return Math.round(this.peak / 1_048_576);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
