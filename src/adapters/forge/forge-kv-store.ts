import { ForgeKvsAPIError, kvs, WhereConditions } from '@forge/kvs';
import type { KeyValueStore } from '../../ports/key-value-store';

// KVS queries return at most 20 results a page (forge-platform.md §4.2).
const QUERY_PAGE = 20;

function ttlOf(options?: { ttlSeconds?: number }) {
  return options?.ttlSeconds ? { ttl: { value: options.ttlSeconds, unit: 'SECONDS' as const } } : {};
}

/** Forge KVS behind the KeyValueStore port; secrets through the encrypted secret API. */
export const forgeKeyValueStore: KeyValueStore = {
  get: <T>(key: string) => kvs.get<T>(key),
  set: (key, value, options) => kvs.set(key, value, ttlOf(options)),
  async setIfAbsent(key, value, options) {
    try {
      await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ...ttlOf(options) });
      return true;
    } catch (error) {
      // The policy's refusal is an API error (HTTP 409 / a "key exists" code); anything else is a real failure.
      if (error instanceof ForgeKvsAPIError && (error.responseDetails.status === 409 || /EXIST/i.test(String(error.code)))) return false;
      throw error;
    }
  },
  delete: (key) => kvs.delete(key),
  async listKeys(prefix) {
    const keys: string[] = [];
    let cursor: string | undefined;
    do {
      let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(QUERY_PAGE);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      keys.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
    } while (cursor);
    return keys.sort();
  },
  getSecret: (key) => kvs.getSecret<string>(key),
  setSecret: (key, value) => kvs.setSecret(key, value),
  deleteSecret: (key) => kvs.deleteSecret(key),
};
