import type { KeyValueStore } from '../../ports/key-value-store';
import { STORAGE_KEYS } from './keys';

/**
 * Users without a link whose Jira search (by email, then display name) succeeded this drift cycle
 * and found no account. Drift repair searches each such user once a cycle, not in every run whose
 * slice holds one of their groups; a new cycle (its start is in the key) searches again, so an
 * account that appears is matched within a cycle. Only completed searches are recorded: a failed
 * one throws before anything is stored, so it never reads as "no account".
 *
 * Stored compactly as 64-bit hashes (salted by the cycle, 11 characters each) over BUCKETS values:
 * 250k users make about 86 KB a value, well under KVS's 240 KiB limit. A bucket that would pass
 * MAX_BUCKET_CHARS is not grown: its users are simply searched again (the safe side).
 */
const BUCKETS = 32;
const CODE_CHARS = 11;
export const MAX_BUCKET_CHARS = 100_000;

type Hashes = ReadonlyMap<string, { bucket: number; code: string }>;

function fnv1a(text: string, basis: number): number {
  let hash = basis;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

function hashesOf(cycleStartedAt: number, entraIds: Iterable<string>): Hashes {
  const hashes = new Map<string, { bucket: number; code: string }>();
  for (const entraId of entraIds) {
    const salted = `${cycleStartedAt}:${entraId.toLowerCase()}`;
    const bytes = Buffer.alloc(8);
    bytes.writeUInt32BE(fnv1a(salted, 0x811c9dc5), 0);
    bytes.writeUInt32BE(fnv1a(salted, 0x050c5d1f), 4);
    hashes.set(entraId, { bucket: (bytes[7] as number) % BUCKETS, code: bytes.toString('base64url') });
  }
  return hashes;
}

/** Each bucket's codes (a bucket is one string of CODE_CHARS-long codes). */
async function readBuckets(kv: KeyValueStore, cycleStartedAt: number, hashes: Hashes) {
  const codes = new Map<number, Set<string>>();
  for (const { bucket } of hashes.values()) {
    if (codes.has(bucket)) continue;
    const stored = (await kv.get<string>(STORAGE_KEYS.driftUnfound(cycleStartedAt, bucket))) ?? '';
    const set = new Set<string>();
    for (let at = 0; at + CODE_CHARS <= stored.length; at += CODE_CHARS) set.add(stored.slice(at, at + CODE_CHARS));
    codes.set(bucket, set);
  }
  return codes;
}

/** Which of these users this cycle already searched without finding an account. */
export async function searchedUnfound(
  kv: KeyValueStore,
  cycleStartedAt: number,
  entraIds: Iterable<string>,
): Promise<Set<string>> {
  const hashes = hashesOf(cycleStartedAt, entraIds);
  const stored = await readBuckets(kv, cycleStartedAt, hashes);
  return new Set([...hashes].filter(([, h]) => stored.get(h.bucket)?.has(h.code)).map(([id]) => id));
}

/** Records users whose searches this cycle found no account; kept two cycles, then KVS drops them. */
export async function recordSearchedUnfound(
  kv: KeyValueStore,
  cycleStartedAt: number,
  cycleMs: number,
  entraIds: Iterable<string>,
): Promise<void> {
  const hashes = hashesOf(cycleStartedAt, entraIds);
  if (hashes.size === 0) return;
  const stored = await readBuckets(kv, cycleStartedAt, hashes);
  const grown = new Set<number>();
  for (const { bucket, code } of hashes.values()) {
    const codes = stored.get(bucket) as Set<string>;
    if (codes.has(code) || (codes.size + 1) * CODE_CHARS > MAX_BUCKET_CHARS) continue;
    codes.add(code);
    grown.add(bucket);
  }
  const ttlSeconds = Math.ceil((2 * cycleMs) / 1000);
  for (const bucket of grown)
    await kv.set(STORAGE_KEYS.driftUnfound(cycleStartedAt, bucket), [...(stored.get(bucket) as Set<string>)].join(''), {
      ttlSeconds,
    });
}
