import { driftRootSlices, IDS_PER_DRIFT_ROOT } from '../../../src/engine/stages/read-jira/pages';
import { MAX_CHUNK_BYTES, splitIntoChunks } from '../../../src/engine/state/chunked-list';

/** A 50k-member chosen group in a drift slice: its users must be storable run data (KVS refuses values over 240 KiB). */
describe('drift roots', () => {
  const id = (n: number) => `${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;

  it('slices a 50k-member group so every stored chunk stays under the chunk limit, and the slices add up to the group', () => {
    const userIds = Array.from({ length: 50_000 }, (_, n) => id(n));
    const slices = driftRootSlices('root-1', userIds);
    expect(slices).toHaveLength(Math.ceil(50_000 / IDS_PER_DRIFT_ROOT));
    expect(slices.every((s) => s.rootId === 'root-1')).toBe(true);
    expect(slices.flatMap((s) => s.userIds)).toEqual(userIds);
    for (const chunk of splitIntoChunks(slices))
      expect(Buffer.byteLength(JSON.stringify(chunk))).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
  });

  it('keeps a group with no user as one empty slice (read as a group with no member, not a missing one)', () => {
    expect(driftRootSlices('root-2', [])).toEqual([{ rootId: 'root-2', userIds: [] }]);
  });
});
