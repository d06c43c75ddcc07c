import { SyncError } from '../../../src/core/errors';
import { InMemoryKeyValueStore } from '../../../dev/host/in-memory-kv-store';
import type { EntraUser } from '../../../src/core/model';
import { slicePage } from '../../../src/engine/stages/read-entra/full';
import { writeChunks } from '../../../src/engine/state/chunked-list';
import { STORAGE_KEYS } from '../../../src/engine/state/keys';
import type { MemberRange } from '../../../src/engine/state/member-index';
import {
  loadMemberIndex,
  loadMembersOf,
  memberChunk,
  saveMemberIndex,
  seeChunk,
} from '../../../src/engine/state/member-index';
import type { MemberPagesSeen } from '../../../src/engine/state/member-index';
import type { SnapshotMeta } from '../../../src/engine/state/snapshot';
import { numberedUser, numberedUserId, VirtualClock } from '../../helpers';

const KVS_VALUE_LIMIT = 240 * 1024;
const userId = numberedUserId;
const user = numberedUser;
const users = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => user(from + i));

/** A run's member pages taken chunk by chunk, as the finish phase's scan takes them. */
async function scanMemberPages(kv: InMemoryKeyValueStore, runId: string, count: number): Promise<MemberPagesSeen> {
  const seen: MemberPagesSeen = { ranges: new Map(), trees: new Map() };
  for (let seq = 0; seq < count; seq++) seeChunk(seen, runId, seq, await memberChunk(kv, runId, seq));
  return seen;
}

/** A KVS that counts the values read under each key prefix. */
class CountingStore extends InMemoryKeyValueStore {
  readonly reads: string[] = [];
  override async get<T>(key: string): Promise<T | undefined> {
    this.reads.push(key);
    return super.get<T>(key);
  }
}

/** Appends one group's Graph pages (999 users each) to a run's member pages, as the source read does. */
async function readGroup(kv: CountingStore, runId: string, seq: number, groupId: string, all: EntraUser[]) {
  for (let i = 0; i < Math.max(1, all.length); i += 999)
    seq = await writeChunks(
      kv,
      STORAGE_KEYS.runData(runId, 'entra-members'),
      seq,
      slicePage(groupId, all.slice(i, i + 999), i === 0 ? [`${groupId}-child`] : undefined),
    );
  return seq;
}

function metaOf(overlays: SnapshotMeta['overlays'], memberIndexChunks: number): SnapshotMeta {
  return {
    fingerprint: '',
    baseRunId: 'base',
    baseChunks: { users: 0, members: 0, groups: 0 },
    overlays,
    fullAt: 0,
    usersDeltaLink: 'l',
    groupDeltaLinks: [],
    managedMemberships: 0,
    rootGroupChunks: 0,
    memberIndexChunks,
  };
}

describe('the member index of the stored Entra state', () => {
  it('finds a 50,000-member group and an empty one in a run’s pages, every value under the KVS limit', async () => {
    const kv = new CountingStore(new VirtualClock(0));
    let seq = await readGroup(kv, 'base', 0, 'big', users(0, 50_000));
    seq = await readGroup(kv, 'base', seq, 'empty', []);
    seq = await readGroup(kv, 'base', seq, 'small', users(50_000, 50_003));
    const seen = await scanMemberPages(kv, 'base', seq);
    expect(seen.ranges.get('big')).toMatchObject({ from: 0, members: 50_000 });
    expect(seen.ranges.get('empty')).toEqual({
      rootId: 'empty',
      runId: 'base',
      from: seen.ranges.get('big')!.to,
      to: seen.ranges.get('big')!.to + 1,
      members: 0,
    });
    expect(seen.ranges.get('small')).toMatchObject({ from: seq - 1, to: seq, members: 3 });
    expect(seen.trees.get('big')).toEqual(['big-child']);
    expect(seen.trees.get('empty')).toEqual(['empty-child']);
    for (const key of await kv.listKeys('')) {
      const value = await kv.get(key);
      expect(Buffer.byteLength(JSON.stringify(value))).toBeLessThan(KVS_VALUE_LIMIT);
    }
    // 3,000 chosen groups' entries (the settings' limit) fit in values under the limit too.
    const many = Array.from({ length: 3_000 }, (_, i) => ({
      ...seen.ranges.get('big')!,
      rootId: userId(i),
      overlay: 7,
    }));
    const chunks = await saveMemberIndex(kv, many);
    expect((await loadMemberIndex(kv, metaOf([], chunks)))!.size).toBe(3_000);
    expect(await loadMemberIndex(kv, { ...metaOf([], 0), memberIndexChunks: undefined })).toBeNull();
  });

  it('loads one small group by reading its own pages and the overlays’ deltas, never a large group’s', async () => {
    const kv = new CountingStore(new VirtualClock(0));
    let seq = await readGroup(kv, 'base', 0, 'big', users(0, 20_000));
    seq = await readGroup(kv, 'base', seq, 'small', users(20_000, 20_004));
    const base = await scanMemberPages(kv, 'base', seq);
    // Overlay 0 read `small` again (one user left it) and changed a user of each group; overlay 1 deleted a user of each.
    const reread = await readGroup(kv, 'o0', 0, 'small', users(20_000, 20_003));
    await writeChunks(kv, STORAGE_KEYS.runData('o0', 'delta-users'), 0, [user(5, 'Five'), user(20_001, 'Old')]);
    await writeChunks(kv, STORAGE_KEYS.runData('o1', 'delta-users'), 0, [user(20_002, 'Newer')]);
    await writeChunks(kv, STORAGE_KEYS.runData('o1', 'delta-removed'), 0, [userId(6), userId(20_000)]);
    await writeChunks(kv, STORAGE_KEYS.runData('o0', 'delta-removed'), 0, [userId(7), userId(20_001)]);
    const overlays = [
      { runId: 'o0', chunks: { 'entra-members': reread, 'delta-users': 1, 'delta-removed': 1 } },
      { runId: 'o1', chunks: { 'entra-members': 0, 'delta-users': 1, 'delta-removed': 1 } },
    ];
    const o0 = await scanMemberPages(kv, 'o0', reread);
    const ranges: MemberRange[] = [
      { ...base.ranges.get('big')!, overlay: -1 },
      { ...o0.ranges.get('small')!, overlay: 0 },
    ];
    const meta = metaOf(overlays, await saveMemberIndex(kv, ranges));

    kv.reads.length = 0;
    const small = await loadMembersOf(kv, meta, [ranges[1]!]);
    // Its own overlay's changed users are older than its re-read; its removals and the later overlay's changes apply.
    expect([...small.get('small')!.values()].map((u) => u.displayName)).toEqual(['Newer']);
    expect(kv.reads.filter((k) => k.startsWith(STORAGE_KEYS.runData('base', '')))).toEqual([]);
    expect(kv.reads.length).toBeLessThanOrEqual(5);

    const big = (await loadMembersOf(kv, meta, [ranges[0]!])).get('big')!;
    expect(big.size).toBe(20_000 - 2);
    expect(big.get(userId(5))?.displayName).toBe('Five');
    expect(big.has(userId(6)) || big.has(userId(7))).toBe(false);
  });

  it('says the stored state is gone when a group’s pages have expired', async () => {
    const kv = new CountingStore(new VirtualClock(0));
    const range: MemberRange = { rootId: 'g', runId: 'gone', from: 0, to: 1, members: 1, overlay: -1 };
    await expect(loadMembersOf(kv, metaOf([], 0), [range])).rejects.toMatchObject({ code: 'delta-expired' });
  });

  it('keeps a storage throttle a throttle (a wait), never a lost state that would force a full read', async () => {
    const kv = new CountingStore(new VirtualClock(0));
    await readGroup(kv, 'base', 0, 'g', users(0, 3));
    const throttled = new SyncError('storage-throttled', 'Forge storage is throttled', {
      retryable: true,
      retryAfterSeconds: 60,
    });
    kv.get = async () => {
      throw throttled;
    };
    const range: MemberRange = { rootId: 'g', runId: 'base', from: 0, to: 1, members: 3, overlay: -1 };
    await expect(loadMembersOf(kv, metaOf([], 0), [range])).rejects.toBe(throttled);
  });
});
