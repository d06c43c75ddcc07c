/** mulberry32: a tiny deterministic PRNG, so one seed always gives the same tenant. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += this.int(16).toString(16);
    return out;
  }

  /** A GUID-shaped id (version 4 layout). */
  guid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${(8 + this.int(4)).toString(16)}${this.hex(3)}-${this.hex(12)}`;
  }

  /** n distinct indexes from [0, total), in ascending order. */
  sample(total: number, n: number): number[] {
    const chosen = new Set<number>();
    const wanted = Math.min(n, total);
    while (chosen.size < wanted) chosen.add(this.int(total));
    return [...chosen].sort((a, b) => a - b);
  }
}
