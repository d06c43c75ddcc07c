import { InMemoryKeyValueStore } from '../../../dev/host/in-memory-kv-store';
import { recordSearchedUnfound, searchedUnfound } from '../../../src/engine/state/searched-unfound';
import { VirtualClock } from '../../helpers';

const KVS_VALUE_LIMIT = 240 * 1024;
const WEEK = 7 * 24 * 3_600_000;
const entraId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => entraId(from + i));

describe('users searched this drift cycle without an account found', () => {
  it('250k users fit well under the KVS value limit, and only those recorded are remembered', async () => {
    const kv = new InMemoryKeyValueStore(new VirtualClock(0));
    await recordSearchedUnfound(kv, 1000, WEEK, ids(0, 250_000));
    let largest = 0;
    for (const key of await kv.listKeys('drift:v1:unfound:'))
      largest = Math.max(largest, Buffer.byteLength(JSON.stringify(await kv.get(key))));
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(KVS_VALUE_LIMIT / 2);
    const asked = [...ids(249_990, 250_000), ...ids(250_000, 260_000)];
    const remembered = await searchedUnfound(kv, 1000, asked);
    expect([...remembered].sort()).toEqual(ids(249_990, 250_000));
  });

  it('belong to their cycle: the next cycle remembers nobody, and the record expires after two cycles', async () => {
    const clock = new VirtualClock(0);
    const kv = new InMemoryKeyValueStore(clock);
    await recordSearchedUnfound(kv, 1000, WEEK, [entraId(1)]);
    await recordSearchedUnfound(kv, 1000, WEEK, [entraId(2)]);
    expect(await searchedUnfound(kv, 1000, [entraId(1), entraId(2), entraId(3)])).toEqual(
      new Set([entraId(1), entraId(2)]),
    );
    expect(await searchedUnfound(kv, 1000 + WEEK, [entraId(1)])).toEqual(new Set());
    clock.advance(2 * WEEK + 1000);
    expect(await searchedUnfound(kv, 1000, [entraId(1)])).toEqual(new Set());
  });
});
