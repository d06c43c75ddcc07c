import { InMemoryKeyValueStore } from '../../../dev/host/in-memory-kv-store';
import { InvocationCache } from '../../../src/engine/run/invocation-cache';
import { BUCKET_BYTES, loadLinksOf, saveLinks } from '../../../src/engine/state/links';
import { VirtualClock } from '../../helpers';

const entraId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const accountId = (n: number) =>
  `712020:${n.toString(16).padStart(8, '0')}-aaaa-4bbb-8ccc-${n.toString(16).padStart(12, '0')}`;
const linksOf = (from: number, to: number) =>
  new Map(Array.from({ length: to - from }, (_, i) => [entraId(from + i), accountId(from + i)]));
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => entraId(from + i));

/** A store that counts reads by key. */
function countingStore() {
  const kv = new InMemoryKeyValueStore(new VirtualClock(0));
  const reads = new Map<string, number>();
  const get = kv.get.bind(kv);
  kv.get = async <T>(key: string) => {
    reads.set(key, (reads.get(key) ?? 0) + 1);
    return get<T>(key);
  };
  return { kv, reads };
}

describe('user links read by one invocation', () => {
  it('reads each bucket and the layout once, however often the invocation asks', async () => {
    const { kv, reads } = countingStore();
    await saveLinks(kv, linksOf(0, 20_000));
    reads.clear();
    const invocation = new InvocationCache();
    for (let round = 0; round < 3; round++)
      expect((await loadLinksOf(kv, ids(0, 20_000), invocation)).size).toBe(20_000);
    expect(reads.size).toBeGreaterThan(2);
    expect([...reads.values()].every((count) => count === 1)).toBe(true);
    // Another invocation reads for itself.
    await loadLinksOf(kv, [entraId(1)], new InvocationCache());
    expect(Math.max(...reads.values())).toBe(2);
  });

  it('sees its own saves without reading again, and another save (or a resize) makes it read again', async () => {
    const { kv, reads } = countingStore();
    await saveLinks(kv, linksOf(0, 1_000));
    const invocation = new InvocationCache();
    await loadLinksOf(kv, ids(0, 1_000), invocation);
    await saveLinks(kv, new Map([[entraId(5), accountId(5_555)]]), invocation);
    reads.clear();
    expect((await loadLinksOf(kv, [entraId(5)], invocation)).get(entraId(5))).toBe(accountId(5_555));
    expect(reads.size).toBe(0);

    // A save outside this invocation: its reads are dropped and the new link is read.
    await saveLinks(kv, new Map([[entraId(6), accountId(6_666)]]));
    expect((await loadLinksOf(kv, [entraId(6)], invocation)).get(entraId(6))).toBe(accountId(6_666));

    // A save that outgrows a bucket rewrites every bucket under a new layout: nothing stale is read.
    const many = linksOf(1_000, 1_000 + Math.ceil(BUCKET_BYTES / 40));
    await saveLinks(kv, many, invocation);
    const after = await loadLinksOf(kv, [entraId(5), ...many.keys()], invocation);
    expect(after.get(entraId(5))).toBe(accountId(5_555));
    expect(after.size).toBe(many.size + 1);
  });
});
