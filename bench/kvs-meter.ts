import type { KeyValueStore } from '../src/ports/key-value-store';

/** Forge KVS bills reads and writes in units of 10 KB (forge-platform.md §4.3: 4,000 units a minute per installation). */
export const KVS_UNIT_BYTES = 10 * 1024;
export const KVS_UNITS_PER_MINUTE = 4000;

export interface KvsCounts {
  reads: number;
  writes: number;
  /** Read and write units: each operation costs ceil(value bytes / 10 KB), at least 1. */
  units: number;
  bytesRead: number;
  bytesWritten: number;
  /** The largest value written, bytes. */
  largestValue: number;
}

const unitsOf = (bytes: number) => Math.max(1, Math.ceil(bytes / KVS_UNIT_BYTES));
const bytesOf = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));

/** Counts what the app asks of KVS through the port, in KVS's billing units. Passes everything through. */
export class KvsMeter implements KeyValueStore {
  private counts: KvsCounts = empty();

  constructor(private readonly inner: KeyValueStore) {}

  /** Counts since the last call. */
  take(): KvsCounts {
    const out = this.counts;
    this.counts = empty();
    return out;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const value = await this.inner.get<T>(key);
    this.read(bytesOf(value));
    return value;
  }

  async set<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<void> {
    this.write(bytesOf(value));
    return this.inner.set(key, value, options);
  }

  async setIfAbsent<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<boolean> {
    this.write(bytesOf(value));
    return this.inner.setIfAbsent(key, value, options);
  }

  async delete(key: string): Promise<void> {
    this.write(0);
    return this.inner.delete(key);
  }

  async listKeys(prefix: string): Promise<string[]> {
    const keys = await this.inner.listKeys(prefix);
    this.read(keys.reduce((sum, key) => sum + key.length, 0));
    return keys;
  }

  async getSecret(key: string): Promise<string | undefined> {
    const value = await this.inner.getSecret(key);
    this.read(value?.length ?? 0);
    return value;
  }

  async setSecret(key: string, value: string): Promise<void> {
    this.write(value.length);
    return this.inner.setSecret(key, value);
  }

  async deleteSecret(key: string): Promise<void> {
    this.write(0);
    return this.inner.deleteSecret(key);
  }

  private read(bytes: number): void {
    this.counts.reads++;
    this.counts.bytesRead += bytes;
    this.counts.units += unitsOf(bytes);
  }

  private write(bytes: number): void {
    this.counts.writes++;
    this.counts.bytesWritten += bytes;
    this.counts.units += unitsOf(bytes);
    this.counts.largestValue = Math.max(this.counts.largestValue, bytes);
  }
}

function empty(): KvsCounts {
  return { reads: 0, writes: 0, units: 0, bytesRead: 0, bytesWritten: 0, largestValue: 0 };
}
