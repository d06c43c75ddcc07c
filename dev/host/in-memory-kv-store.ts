import type { Clock } from '../../src/ports/clock';
import type { KeyValueStore } from '../../src/ports/key-value-store';

// KVS limits (forge-platform.md §4.3), enforced here so local runs fail where Forge would.
const MAX_KEY_LENGTH = 500;
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const MAX_VALUE_BYTES = 240 * 1024;

interface Entry {
  /** The value's JSON text as UTF-8 (a Buffer lives outside the V8 heap), parsed on each read as remote storage would be. */
  json: Buffer;
  expiresAt: number | null;
}

/**
 * Forge KVS stand-in for tests, the local host and the benchmark: same key rules and value size
 * limit, TTLs, values kept serialised (so stored data costs its serialised size, off the JS heap,
 * and every read is a fresh copy), secrets kept apart from values. Subclasses persist each write.
 */
export class InMemoryKeyValueStore implements KeyValueStore {
  protected readonly entries = new Map<string, Entry>();
  protected readonly secrets = new Map<string, string>();
  /** Injected failure for fault tests: throw on the next matching set. */
  failNextSet: ((key: string) => boolean) | null = null;
  writes = 0;

  constructor(private readonly clock: Clock) {}

  async get<T>(key: string): Promise<T | undefined> {
    checkKey(key);
    const entry = this.live(key);
    return entry === undefined ? undefined : (JSON.parse(entry.json.toString('utf8')) as T);
  }

  async set<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<void> {
    checkKey(key);
    if (this.failNextSet?.(key)) {
      this.failNextSet = null;
      throw new Error(`KVS write failed for ${key} (injected)`);
    }
    const json = JSON.stringify(value);
    if (json === undefined) throw new Error(`KVS value for ${key} is not JSON`);
    const bytes = Buffer.byteLength(json);
    if (bytes > MAX_VALUE_BYTES) throw new Error(`KVS value for ${key} is ${bytes} bytes, over the 240 KiB limit`);
    this.writes++;
    this.entries.set(key, {
      json: Buffer.from(json, 'utf8'),
      expiresAt: options?.ttlSeconds ? this.clock.now() + options.ttlSeconds * 1000 : null,
    });
    this.onChange(key);
  }

  async setIfAbsent<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<boolean> {
    if (this.live(key) !== undefined) return false;
    await this.set(key, value, options);
    return true;
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    this.entries.delete(key);
    this.onChange(key);
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
    this.onSecretChange(key);
  }

  async deleteSecret(key: string): Promise<void> {
    this.secrets.delete(key);
    this.onSecretChange(key);
  }

  /** Every stored value, for tests that scan storage (e.g. for leaked secrets). */
  dump(): Record<string, unknown> {
    return Object.fromEntries([...this.entries].map(([k, e]) => [k, JSON.parse(e.json.toString('utf8')) as unknown]));
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

  protected onChange(_key: string): void {}
  protected onSecretChange(_key: string): void {}

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
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key))
    throw new Error(`Invalid KVS key: ${key.slice(0, 80)}`);
}
