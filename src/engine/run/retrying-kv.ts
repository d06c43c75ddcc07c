import type { Clock } from '../../ports/clock';
import type { KeyValueStore } from '../../ports/key-value-store';
import { isStorageThrottle } from './quota-wait';

const ATTEMPTS = 3;
const FIRST_DELAY_MS = 200;
// KVS throttles per minute: one wait for the next minute inside the step, then the step ends as a
// delayed continuation (isQuotaWait) instead of failing.
const THROTTLE_WAITS = 1;

/**
 * KVS with a few quick retries on each call. A storage write that fails once (KVS answers 429 or
 * 5xx under load) would otherwise lose the results of Jira writes already made, and the step would
 * repeat them; retrying the storage call keeps "no write made twice" in the common case.
 */
export function withStorageRetries(kv: KeyValueStore, clock: Clock): KeyValueStore {
  const retry = async <T>(call: () => Promise<T>): Promise<T> => {
    for (let attempt = 1, waits = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (isStorageThrottle(error)) {
          if (waits++ >= THROTTLE_WAITS) throw error;
          await clock.sleep(error.retryAfterSeconds * 1000);
          attempt--;
          continue;
        }
        if (attempt >= ATTEMPTS) throw error;
        await clock.sleep(FIRST_DELAY_MS * 2 ** (attempt - 1));
      }
    }
  };
  return {
    get: (key) => retry(() => kv.get(key)),
    set: (key, value, options) => retry(() => kv.set(key, value, options)),
    // Not retried blindly: a first attempt that stored the value but failed to answer would read as "taken".
    setIfAbsent: (key, value, options) => kv.setIfAbsent(key, value, options),
    delete: (key) => retry(() => kv.delete(key)),
    listKeys: (prefix) => retry(() => kv.listKeys(prefix)),
    getSecret: (key) => retry(() => kv.getSecret(key)),
    setSecret: (key, value) => retry(() => kv.setSecret(key, value)),
    deleteSecret: (key) => retry(() => kv.deleteSecret(key)),
  };
}
