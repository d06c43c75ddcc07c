import { InMemoryKeyValueStore } from '../../../dev/host/in-memory-kv-store';
import { STORAGE_KEYS } from '../../../src/engine/state/keys';
import { loadLinks, loadLinksOf, saveLinks } from '../../../src/engine/state/links';
import { VirtualClock } from '../../helpers';

const KVS_VALUE_LIMIT = 240 * 1024;
const entraId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
// The longer of Jira's two account ID shapes, so sizes are the worst case.
const accountId = (n: number) =>
  `712020:${n.toString(16).padStart(8, '0')}-aaaa-4bbb-8ccc-${n.toString(16).padStart(12, '0')}`;
const linksOf = (from: number, to: number) =>
  new Map(Array.from({ length: to - from }, (_, i) => [entraId(from + i), accountId(from + i)]));

function newStore() {
  return new InMemoryKeyValueStore(new VirtualClock(0));
}

/** Links that differ (a plain loop: jest's deep equality is slow on 250k entries). */
function differences(actual: Map<string, string>, expected: Map<string, string>): number {
  let differing = Math.abs(actual.size - expected.size);
  for (const [key, value] of expected) if (actual.get(key) !== value) differing++;
  return differing;
}

async function largestLinkValue(kv: InMemoryKeyValueStore): Promise<number> {
  let largest = 0;
  for (const key of await kv.listKeys('links:'))
    largest = Math.max(largest, Buffer.byteLength(JSON.stringify(await kv.get(key))));
  return largest;
}

describe('user link storage', () => {
  it('stores 250k links in one save with every value well under the KVS limit, and reads them all back', async () => {
    const kv = newStore();
    const links = linksOf(0, 250_000);
    await saveLinks(kv, links);
    expect(await largestLinkValue(kv)).toBeLessThan(KVS_VALUE_LIMIT / 2);
    expect(differences(await loadLinks(kv), links)).toBe(0);
  });

  it('grows to 100k links in steps, resizing as it goes, without losing one', async () => {
    const kv = newStore();
    for (const [from, to] of [
      [0, 10_000],
      [10_000, 40_000],
      [40_000, 100_000],
    ] as const)
      await saveLinks(kv, linksOf(from, to));
    expect(await largestLinkValue(kv)).toBeLessThan(KVS_VALUE_LIMIT / 2);
    expect(differences(await loadLinks(kv), linksOf(0, 100_000))).toBe(0);
    // Only the current generation is kept.
    const layout = (await kv.get<{ generation: number; buckets: number }>(STORAGE_KEYS.userLinksLayout))!;
    expect((await kv.listKeys('links:v2:users:')).length).toBe(layout.buckets);
  });

  it('reads only the buckets of the users asked for', async () => {
    const kv = newStore();
    await saveLinks(kv, linksOf(0, 100_000));
    expect((await kv.listKeys('links:v2:users:')).length).toBeGreaterThan(8);
    const reads: string[] = [];
    const get = kv.get.bind(kv);
    kv.get = async <T>(key: string) => {
      reads.push(key);
      return get<T>(key);
    };
    const some = await loadLinksOf(kv, [entraId(7), entraId(70_000), entraId(200_000)]);
    expect(some).toEqual(
      new Map([
        [entraId(7), accountId(7)],
        [entraId(70_000), accountId(70_000)],
      ]),
    );
    expect(reads.length).toBeLessThanOrEqual(4); // the layout and at most three buckets
  });

  it('changing one link rewrites one bucket only', async () => {
    const kv = newStore();
    await saveLinks(kv, linksOf(0, 30_000));
    const writesBefore = kv.writes;
    await saveLinks(kv, new Map([[entraId(5), accountId(999_999)]]));
    expect(kv.writes - writesBefore).toBe(1);
    expect((await loadLinksOf(kv, [entraId(5)])).get(entraId(5))).toBe(accountId(999_999));
  });

  it('migrates the 32 fixed buckets of the first layout on the first save, and deletes them', async () => {
    const kv = newStore();
    const legacy = linksOf(0, 3_200);
    for (let bucket = 0; bucket < 32; bucket++) {
      const entries = Object.fromEntries([...legacy].filter((_, i) => i % 32 === bucket));
      await kv.set(STORAGE_KEYS.legacyUserLinks(bucket), entries);
    }
    expect(await loadLinks(kv)).toEqual(legacy);
    expect((await loadLinksOf(kv, [entraId(10)])).get(entraId(10))).toBe(accountId(10));
    await saveLinks(kv, new Map([[entraId(9_999), accountId(9_999)]]));
    expect(await kv.listKeys('links:v1:')).toEqual([]);
    const after = await loadLinks(kv);
    expect(after.size).toBe(3_201);
    expect(after.get(entraId(3_199))).toBe(accountId(3_199));
  });
});
