import type { EntraUser } from '../../core/model';
import type { KeyValueStore } from '../../ports/key-value-store';
import { bucketOf } from './links';
import { MissingRunData, stateGone } from './chunked-list';
import { SNAPSHOT_DATA_TTL_SECONDS, STORAGE_KEYS } from './keys';
import { bytesOf, MAX_BUCKET_BYTES } from './user-index-write';
import type { SnapshotMeta } from './snapshot';
import type { StoredUser } from './user-index-write';

/**
 * Each stored user's latest record and the chosen groups holding them, in hashed buckets (the
 * hash of links.ts), so an incremental run with k changed users reads about k small values instead
 * of the whole stored snapshot. A full run writes every bucket; an incremental run rewrites its
 * changed users' buckets as it reads them. An entry written by a run keeps the version before it,
 * and a reader takes the newest version written by a run the snapshot holds (its base or an
 * overlay): a run that never saved its snapshot leaves the index as the snapshot says.
 */
export type { StoredUser };

interface Version extends StoredUser {
  /** The run that wrote it. */
  at: string;
}

interface Entry {
  now: Version;
  was?: Version;
}

type Bucket = Record<string, Entry>;

const ttl = { ttlSeconds: SNAPSHOT_DATA_TTL_SECONDS };

/**
 * A full run's users as the index keeps them: a member page's version of a user wins over the
 * user list's (as loadStoredUsers reads them), whichever is seen first, so the member pages can be
 * taken in the snapshot's one pass over them.
 */
export class UserIndexBuilder {
  readonly states = new Map<string, StoredUser>();

  member(user: EntraUser, root: string): void {
    const state = this.states.get(user.id) ?? { user, roots: [] };
    state.user = user;
    if (!state.roots.includes(root)) state.roots.push(root);
    this.states.set(user.id, state);
  }

  listed(user: EntraUser): void {
    if (!this.states.has(user.id)) this.states.set(user.id, { user, roots: [] });
  }

  /**
   * Takes a user as a later stretch of the same pass left them (parts taken in order): a listed
   * user (no roots) only when not seen, a member's newer record and added roots always.
   */
  take(id: string, later: StoredUser): void {
    const state = this.states.get(id);
    if (later.roots.length === 0) {
      if (!state) this.states.set(id, { user: later.user, roots: [] });
      return;
    }
    if (!state) return void this.states.set(id, { user: later.user, roots: [...later.roots] });
    state.user = later.user;
    for (const root of later.roots) if (!state.roots.includes(root)) state.roots.push(root);
  }
}

/** The stored buckets of these users, as read (the rewrite of a run's changes starts from them). */
export class UserIndexRead {
  /** The runs whose writes the snapshot holds: its base and its overlays. */
  private readonly runs: Set<string>;

  private constructor(
    private readonly meta: SnapshotMeta,
    private readonly buckets: Map<number, Bucket>,
    private readonly count: number,
  ) {
    this.runs = new Set([meta.baseRunId, ...meta.overlays.map((o) => o.runId)]);
  }

  /**
   * Reads the buckets of `ids` (or every bucket); null for a snapshot saved before the index (read
   * the whole state instead).
   */
  static async of(kv: KeyValueStore, meta: SnapshotMeta, ids: Iterable<string> | 'all'): Promise<UserIndexRead | null> {
    const count = meta.userIndexBuckets;
    if (count === undefined) return null;
    const buckets = new Map<number, Bucket>();
    const wanted =
      ids === 'all' ? Array.from({ length: count }, (_, i) => i) : [...ids].map((id) => bucketOf(id, count));
    try {
      for (const bucket of wanted) {
        if (buckets.has(bucket)) continue;
        const entries = await kv.get<Bucket>(STORAGE_KEYS.snapshotUserIndex(meta.baseRunId, bucket));
        if (entries === undefined) throw new MissingRunData(`User index bucket ${bucket} is missing`);
        buckets.set(bucket, entries);
      }
    } catch (error) {
      throw stateGone(error);
    }
    return new UserIndexRead(meta, buckets, count);
  }

  /** The user as the snapshot holds them; undefined when it holds no record of them. */
  stored(id: string): StoredUser | undefined {
    const entry = this.buckets.get(bucketOf(id, this.count))?.[id];
    return entry && this.held(entry);
  }

  /** The stored members (IDs) of these chosen groups; only after reading every bucket. */
  membersOf(rootIds: Iterable<string>): Map<string, Set<string>> {
    if (this.buckets.size < this.count) throw new Error('The members of a group need every bucket of the user index');
    const members = new Map([...rootIds].map((root) => [root, new Set<string>()]));
    for (const entries of this.buckets.values())
      for (const [id, entry] of Object.entries(entries))
        for (const root of this.held(entry)?.roots ?? []) members.get(root)?.add(id);
    return members;
  }

  private held(entry: Entry): StoredUser | undefined {
    const { runs } = this;
    const version = runs.has(entry.now.at) ? entry.now : entry.was && runs.has(entry.was.at) ? entry.was : undefined;
    return version && { user: version.user, roots: version.roots };
  }

  /**
   * Records run `runId`'s new versions (its users must have been read), keeping each entry's version
   * the snapshot holds. Returns false when a bucket would outgrow its limit: the index is then retired.
   */
  async record(kv: KeyValueStore, runId: string, states: ReadonlyMap<string, StoredUser>): Promise<boolean> {
    const { runs } = this;
    const touched = new Set<number>();
    for (const [id, state] of states) {
      const bucket = bucketOf(id, this.count);
      const entries = this.buckets.get(bucket);
      if (!entries) throw new Error(`User ${id} was not read before its change was recorded`);
      const entry = entries[id];
      const now = { ...state, at: runId };
      // A retried step rewrites its own version; a run the snapshot never saved leaves only its older version.
      const was = !entry ? undefined : entry.now.at === runId || !runs.has(entry.now.at) ? entry.was : entry.now;
      entries[id] = was ? { now, was } : { now };
      touched.add(bucket);
    }
    if ([...touched].some((bucket) => bytesOf(this.buckets.get(bucket)) > MAX_BUCKET_BYTES)) return false;
    for (const bucket of touched)
      await kv.set(STORAGE_KEYS.snapshotUserIndex(this.meta.baseRunId, bucket), this.buckets.get(bucket), ttl);
    return true;
  }
}
