import { SyncError } from '../../../src/core/errors';
import { InMemoryKeyValueStore } from '../../../dev/host/in-memory-kv-store';
import type { EntraUser } from '../../../src/core/model';
import { slicePage } from '../../../src/engine/stages/read-entra/full';
import { writeChunks } from '../../../src/engine/state/chunked-list';
import { STORAGE_KEYS } from '../../../src/engine/state/keys';
import type { SnapshotMeta } from '../../../src/engine/state/snapshot';
import { RUN_DATA } from '../../../src/engine/run/run-data';
import { UserIndexBuilder, UserIndexRead } from '../../../src/engine/state/user-index';
import {
  bucketCount,
  entriesBytes,
  groupCount,
  shardsOf,
  writeBucketGroup,
} from '../../../src/engine/state/user-index-write';
import { numberedUser, numberedUserId, VirtualClock } from '../../helpers';

const KVS_VALUE_LIMIT = 240 * 1024;
const userId = numberedUserId;
const groupId = (n: number) => `10000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const user = numberedUser;

/** Writes a full run's reads: `users` (scope `all`) and each group's member pages; returns the chunk counts. */
async function fullRead(
  kv: InMemoryKeyValueStore,
  runId: string,
  users: EntraUser[],
  groups: Map<string, EntraUser[]>,
) {
  const counts = { users: await writeChunks(kv, STORAGE_KEYS.runData(runId, 'entra-users'), 0, users), members: 0 };
  for (const [id, members] of groups)
    for (let i = 0; i < Math.max(1, members.length); i += 999)
      counts.members = await writeChunks(
        kv,
        STORAGE_KEYS.runData(runId, 'entra-members'),
        counts.members,
        slicePage(id, members.slice(i, i + 999), undefined),
      );
  return counts;
}

/**
 * Writes a full run's user index in one pass, as the finish phase does when the end fits one
 * invocation (test/e2e/run-end.e2e.test.ts checks the spread end writes the same). Returns the bucket count.
 */
async function saveUserIndex(kv: InMemoryKeyValueStore, runId: string, counts: { users: number; members: number }) {
  const builder = new UserIndexBuilder();
  await RUN_DATA.entraMembers.forEachOf(kv, runId, counts.members, (chunk) => {
    for (const page of chunk) for (const member of page.users) builder.member(member, page.groupId);
  });
  await RUN_DATA.entraUsers.forEachOf(kv, runId, counts.users, (chunk) => chunk.forEach((u) => builder.listed(u)));
  const buckets = bucketCount(entriesBytes(builder.states, runId));
  const shards = shardsOf(builder.states);
  for (let group = 0; group < groupCount(buckets); group++)
    if (!(await writeBucketGroup(kv, runId, buckets, group, (shard) => shards[shard]!))) return 0;
  return buckets;
}

function metaOf(userIndexBuckets: number | undefined, overlays: string[] = []): SnapshotMeta {
  return {
    fingerprint: '',
    baseRunId: 'base',
    baseChunks: { users: 0, members: 0, groups: 0 },
    overlays: overlays.map((runId) => ({ runId, chunks: {} })),
    fullAt: 0,
    usersDeltaLink: 'l',
    groupDeltaLinks: [],
    managedMemberships: 0,
    rootGroupChunks: 0,
    userIndexBuckets,
  };
}

const newStore = () => new InMemoryKeyValueStore(new VirtualClock(0));

describe('the user index of the stored Entra state', () => {
  it('holds each user’s latest record and chosen groups, every value under the KVS limit at 250,000 users', async () => {
    const kv = newStore();
    const all = Array.from({ length: 250_000 }, (_, i) => user(i));
    // Everyone in one "all staff" group, a tenth in a department too; user 7 in 60 more chosen groups; user 50 renamed on a later page.
    const groups = new Map<string, EntraUser[]>([[groupId(0), all]]);
    for (let d = 1; d <= 10; d++)
      groups.set(
        groupId(d),
        all.filter((_, i) => i % 100 === d),
      );
    for (let g = 11; g < 71; g++) groups.set(groupId(g), [user(7)]);
    groups.set(groupId(71), [user(50, 'Renamed')]);
    const buckets = await saveUserIndex(kv, 'base', await fullRead(kv, 'base', all.slice(0, 10), groups));
    let largest = 0;
    for (const key of await kv.listKeys('snapshot:v1:user-index:base:'))
      largest = Math.max(largest, Buffer.byteLength(JSON.stringify(await kv.get(key))));
    expect((await kv.listKeys('snapshot:v1:user-index:base:')).length).toBe(buckets);
    expect(largest).toBeLessThan(KVS_VALUE_LIMIT / 10);
    // A bucket is about one 10 KB KVS unit, so a run with a few changed users reads a few units.
    expect(largest).toBeLessThan(20_000);

    const index = (await UserIndexRead.of(kv, metaOf(buckets), [userId(50), userId(7), userId(101), userId(999_999)]))!;
    expect(index.stored(userId(50))).toEqual({ user: user(50, 'Renamed'), roots: [groupId(0), groupId(71)] });
    expect(index.stored(userId(7))!.roots).toHaveLength(62);
    expect(index.stored(userId(101))!.roots).toEqual([groupId(0), groupId(1)]);
    expect(index.stored(userId(999_999))).toBeUndefined();
  }, 240_000);

  it('reads only the versions written by runs the snapshot holds: an unsaved run’s changes are never seen', async () => {
    const kv = newStore();
    const buckets = await saveUserIndex(
      kv,
      'base',
      await fullRead(kv, 'base', [], new Map([[groupId(0), [user(1), user(2)]]])),
    );
    const ids = [userId(1), userId(2), userId(3)];
    // Run x changes users 1 and 3 and is never saved (it failed); run y then changes user 1 again and is saved.
    const x = (await UserIndexRead.of(kv, metaOf(buckets), ids))!;
    await x.record(
      kv,
      'x',
      new Map([
        [userId(1), { user: user(1, 'By x'), roots: [] }],
        [userId(3), { user: user(3), roots: [groupId(0)] }],
      ]),
    );
    const afterX = (await UserIndexRead.of(kv, metaOf(buckets), ids))!;
    expect(afterX.stored(userId(1))).toEqual({ user: user(1), roots: [groupId(0)] });
    expect(afterX.stored(userId(3))).toBeUndefined();
    await afterX.record(kv, 'y', new Map([[userId(2), { user: user(2, 'By y'), roots: [] }]]));
    // A retried step of y writes its own version again, keeping the snapshot's.
    await (await UserIndexRead.of(kv, metaOf(buckets), ids))!.record(
      kv,
      'y',
      new Map([[userId(2), { user: user(2, 'By y, again'), roots: [] }]]),
    );
    const beforeSave = (await UserIndexRead.of(kv, metaOf(buckets), ids))!;
    expect(beforeSave.stored(userId(2))).toEqual({ user: user(2), roots: [groupId(0)] });
    const saved = (await UserIndexRead.of(kv, metaOf(buckets, ['y']), ids))!;
    expect(saved.stored(userId(2))).toEqual({ user: user(2, 'By y, again'), roots: [] });
    expect(saved.stored(userId(1))).toEqual({ user: user(1), roots: [groupId(0)] });
    expect(saved.stored(userId(3))).toBeUndefined();
    // A group's stored members, from every bucket (a run that read a large group again): x's user 3 is not one.
    const whole = (await UserIndexRead.of(kv, metaOf(buckets, ['y']), 'all'))!;
    expect(whole.membersOf([groupId(0), groupId(1)])).toEqual(
      new Map([
        [groupId(0), new Set([userId(1)])],
        [groupId(1), new Set()],
      ]),
    );
    // Run z after y: y's version is kept as the older one until z is saved.
    await saved.record(kv, 'z', new Map([[userId(2), { user: user(2, 'By z'), roots: [groupId(0)] }]]));
    expect((await UserIndexRead.of(kv, metaOf(buckets, ['y']), ids))!.stored(userId(2))!.user.displayName).toBe(
      'By y, again',
    );
    expect((await UserIndexRead.of(kv, metaOf(buckets, ['y', 'z']), ids))!.stored(userId(2))!.user.displayName).toBe(
      'By z',
    );
  });

  it('says so (false) instead of writing a bucket that would outgrow its limit', async () => {
    const kv = newStore();
    const buckets = await saveUserIndex(kv, 'base', await fullRead(kv, 'base', [user(1)], new Map()));
    expect(buckets).toBe(1);
    const many = new Map(
      Array.from(
        { length: 2_000 },
        (_, i) => [userId(i), { user: user(i, 'x'.repeat(100)), roots: [] as string[] }] as const,
      ),
    );
    const index = (await UserIndexRead.of(kv, metaOf(buckets), many.keys()))!;
    expect(await index.record(kv, 'x', many)).toBe(false);
    expect((await kv.get<object>(STORAGE_KEYS.snapshotUserIndex('base', 0)))!).toEqual({
      [userId(1)]: { now: { user: user(1), roots: [], at: 'base' } },
    });
  });

  it('is absent on older snapshots; a missing bucket is lost state, a storage throttle stays a throttle', async () => {
    const kv = newStore();
    expect(await UserIndexRead.of(kv, metaOf(undefined), [userId(1)])).toBeNull();
    await expect(UserIndexRead.of(kv, metaOf(4), [userId(1)])).rejects.toMatchObject({ code: 'delta-expired' });
    const throttled = new SyncError('storage-throttled', 'Forge storage is throttled', {
      retryable: true,
      retryAfterSeconds: 60,
    });
    kv.get = async () => {
      throw throttled;
    };
    await expect(UserIndexRead.of(kv, metaOf(4), [userId(1)])).rejects.toBe(throttled);
  });
});
