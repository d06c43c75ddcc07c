import { ForgeKvsAPIError, kvs, WhereConditions } from '@forge/kvs';
import { SyncError } from '../../core/errors';
import type { KeyValueStore } from '../../ports/key-value-store';

// KVS queries return at most 20 results a page (forge-platform.md §4.2).
const QUERY_PAGE = 20;
// KVS budgets are per minute (4,000 units per installation, forge-platform.md §4.3) and a 429 says
// no Retry-After, so a throttled call waits for the next minute.
const THROTTLE_WAIT_SECONDS = 60;

/**
 * KVS's 429 RATE_LIMIT_EXCEEDED as a `storage-throttled` wait; a value over its limits (400 MAX_SIZE
 * or MAX_DEPTH, https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs)
 * as `storage-value-too-large`, which no retry can fix; other errors unchanged.
 */
async function throttleAware<T>(call: () => Promise<T>, key?: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ForgeKvsAPIError && (error.code === 'MAX_SIZE' || error.code === 'MAX_DEPTH'))
      throw new SyncError(
        'storage-value-too-large',
        `Forge storage refused a value the app tried to store under ${key ?? 'a key'}: it is over KVS's limits (240 KiB, 31 levels deep). Retrying cannot help and nothing of that value was stored; report this run's ID to the app's maintainers.`,
        { cause: error },
      );
    if (
      error instanceof ForgeKvsAPIError &&
      (error.responseDetails.status === 429 || error.code === 'RATE_LIMIT_EXCEEDED')
    ) {
      throw new SyncError(
        'storage-throttled',
        `Forge storage is throttled (its per-minute budget is used up); the run waits ${THROTTLE_WAIT_SECONDS} s and continues.`,
        { retryable: true, retryAfterSeconds: THROTTLE_WAIT_SECONDS, cause: error },
      );
    }
    throw error;
  }
}

function ttlOf(options?: { ttlSeconds?: number }) {
  return options?.ttlSeconds ? { ttl: { value: options.ttlSeconds, unit: 'SECONDS' as const } } : {};
}

/** Forge KVS; secrets through the encrypted secret API. */
const forgeKvs: KeyValueStore = {
  get: <T>(key: string) => kvs.get<T>(key),
  set: (key, value, options) => kvs.set(key, value, ttlOf(options)),
  async setIfAbsent(key, value, options) {
    try {
      await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ...ttlOf(options) });
      return true;
    } catch (error) {
      // The policy's refusal is an API error (HTTP 409 / a "key exists" code); anything else is a real failure.
      if (
        error instanceof ForgeKvsAPIError &&
        (error.responseDetails.status === 409 || /EXIST/i.test(String(error.code)))
      )
        return false;
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

/** Forge KVS behind the KeyValueStore port, every call's throttling reported as a wait. */
export const forgeKeyValueStore: KeyValueStore = {
  get: (key) => throttleAware(() => forgeKvs.get(key)),
  set: (key, value, options) => throttleAware(() => forgeKvs.set(key, value, options), key),
  setIfAbsent: (key, value, options) => throttleAware(() => forgeKvs.setIfAbsent(key, value, options), key),
  delete: (key) => throttleAware(() => forgeKvs.delete(key)),
  listKeys: (prefix) => throttleAware(() => forgeKvs.listKeys(prefix)),
  getSecret: (key) => throttleAware(() => forgeKvs.getSecret(key)),
  setSecret: (key, value) => throttleAware(() => forgeKvs.setSecret(key, value), key),
  deleteSecret: (key) => throttleAware(() => forgeKvs.deleteSecret(key)),
};
