/** `global.gc` when the process runs with `--expose-gc` (the benchmark's child does; Jest does not). */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  return true;
}

export interface InvocationMemory {
  /** heapUsed right after a full GC before the invocation, MB. */
  baselineHeapMb: number;
  /** Peak heapUsed during the invocation minus that baseline, MB: the JS heap the invocation needed. */
  heapDeltaMb: number;
  /** Peak process RSS during the invocation, MB. */
  peakRssMb: number;
}

/**
 * Samples the process's resident set size and JS heap every `intervalMs`. Keeps the run's peak RSS
 * since `reset()`, and per invocation the peak heapUsed above a post-GC baseline.
 */
export class RssSampler {
  private peak = 0;
  private invocationPeakHeap = 0;
  private invocationPeakRss = 0;
  private baselineHeap = 0;
  readonly gcAvailable: boolean;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 20) {
    this.gcAvailable = typeof (globalThis as { gc?: unknown }).gc === 'function';
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    const { rss, heapUsed } = process.memoryUsage();
    this.peak = Math.max(this.peak, rss);
    this.invocationPeakHeap = Math.max(this.invocationPeakHeap, heapUsed);
    this.invocationPeakRss = Math.max(this.invocationPeakRss, rss);
  }

  reset(): void {
    this.peak = 0;
    this.sample();
  }

  peakMb(): number {
    this.sample();
    return Math.round(this.peak / 1_048_576);
  }

  /** Before an invocation: full GC (when exposed), then the heap baseline. */
  startInvocation(): void {
    collectGarbage();
    const { rss, heapUsed } = process.memoryUsage();
    this.baselineHeap = heapUsed;
    this.invocationPeakHeap = heapUsed;
    this.invocationPeakRss = rss;
  }

  endInvocation(): InvocationMemory {
    this.sample();
    return {
      baselineHeapMb: this.baselineHeap / 1_048_576,
      heapDeltaMb: (this.invocationPeakHeap - this.baselineHeap) / 1_048_576,
      peakRssMb: this.invocationPeakRss / 1_048_576,
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
