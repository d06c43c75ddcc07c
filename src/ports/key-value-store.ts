/**
 * Forge KVS as the engine sees it. Values are JSON and must stay under KVS's 240 KiB per value
 * (the engine chunks large data); keys follow KVS's key rules.
 */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<void>;
  /** Sets only when the key is absent; true when this call stored the value (lease locks). */
  setIfAbsent<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Keys beginning with `prefix`, in key order. */
  listKeys(prefix: string): Promise<string[]>;
  getSecret(key: string): Promise<string | undefined>;
  setSecret(key: string, value: string): Promise<void>;
  deleteSecret(key: string): Promise<void>;
}
