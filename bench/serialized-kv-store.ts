import type { Clock } from '../src/ports/clock';
import type { KeyValueStore } from '../src/ports/key-value-store';

// The same KVS limits as dev/host/in-memory-kv-store.ts (forge-platform.md §4.3).
const MAX_KEY_LENGTH = 500;
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const MAX_VALUE_BYTES = 240 * 1024;

interface Entry {
  /** The value's JSON text as UTF-8 bytes: a Buffer lives outside the V8 heap, so stored data does not count in heapUsed. */
  json: Buffer;
  expiresAt: number | null;
}

/**
 * The benchmark's KVS: the key rules, value size limit and TTL semantics of the local host's
 * in-memory store, but every value kept as its serialised JSON text (in a Buffer, off the JS heap)
 * and parsed on each read, as remote storage would. Stored data then costs its serialised size,
 * and the heap an invocation uses is not confused with what earlier runs left in storage.
 */
export class SerializedKeyValueStore implements KeyValueStore {
  private readonly entries = new Map<string, Entry>();
  private readonly secrets = new Map<string, string>();
  writes = 0;

  constructor(private readonly clock: Clock) {}

  async get<T>(key: string): Promise<T | undefined> {
    checkKey(key);
    const entry = this.live(key);
    return entry === undefined ? undefined : (JSON.parse(entry.json.toString('utf8')) as T);
  }

  async set<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<void> {
    checkKey(key);
    const json = JSON.stringify(value);
    if (json === undefined) throw new Error(`KVS value for ${key} is not JSON`);
    const bytes = Buffer.byteLength(json);
    if (bytes > MAX_VALUE_BYTES) throw new Error(`KVS value for ${key} is ${bytes} bytes, over the 240 KiB limit`);
    this.writes++;
    this.entries.set(key, { json: Buffer.from(json, 'utf8'), expiresAt: options?.ttlSeconds ? this.clock.now() + options.ttlSeconds * 1000 : null });
  }

  async setIfAbsent<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<boolean> {
    if (this.live(key) !== undefined) return false;
    await this.set(key, value, options);
    return true;
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    this.entries.delete(key);
  }

  async listKeys(prefix: string): Promise<string[]> {
    return [...this.entries.keys()].filter((k) => k.startsWith(prefix) && this.live(k) !== undefined).sort();
  }

  async getSecret(key: string): Promise<string | undefined> {
    checkKey(key);
    return this.secrets.get(key);
  }

  async setSecret(key: string, value: string): Promise<void> {
    checkKey(key);
    this.secrets.set(key, value);
  }

  async deleteSecret(key: string): Promise<void> {
    this.secrets.delete(key);
  }

  /** Live (unexpired) entries and their size: UTF-8 bytes of keys plus their JSON values. */
  size(): { keys: number; bytes: number } {
    let keys = 0;
    let bytes = 0;
    for (const key of [...this.entries.keys()]) {
      const entry = this.live(key);
      if (!entry) continue;
      keys++;
      bytes += Buffer.byteLength(key) + entry.json.length;
    }
    return { keys, bytes };
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}

function checkKey(key: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key)) throw new Error(`Invalid KVS key: ${key.slice(0, 80)}`);
}
