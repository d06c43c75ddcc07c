/**
 * What one invocation (one step of a chain, see chain.ts) has read from storage, so it reads each
 * thing once: plan chunks, user-link buckets, the registry's name index. It is made with the step's
 * context and dies with it, so nothing read is trusted past the invocation that read it. The
 * invocation's own writes keep it current (`write`) or drop what they made stale (`forget`).
 * Lists that must be read fresh every time (the protected groups, the targets) never go through it.
 */
export class InvocationCache {
  /** By key: the storage key a value shadows, or a name for something derived from storage. */
  private readonly entries = new Map<string, Promise<unknown>>();

  /** The value under `key`, loaded on the first ask; askers meanwhile share that load. A failed load is not kept. */
  read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const known = this.entries.get(key) as Promise<T> | undefined;
    return known ?? this.reload(key, load);
  }

  /** Loads `key` again (what is cached may miss what another invocation wrote since), replacing it. */
  reload<T>(key: string, load: () => Promise<T>): Promise<T> {
    const loading = load();
    this.entries.set(key, loading);
    loading.catch(() => {
      if (this.entries.get(key) === loading) this.entries.delete(key);
    });
    return loading;
  }

  /** What this invocation wrote under `key`: later reads get it without loading. */
  write<T>(key: string, value: T): void {
    this.entries.set(key, Promise.resolve(value));
  }

  /** Drops every key beginning with `prefix`: the next read of each loads again. */
  forget(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
