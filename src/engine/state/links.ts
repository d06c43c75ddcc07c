import type { KeyValueStore } from '../../ports/key-value-store';
import type { InvocationCache } from '../run/invocation-cache';
import { STORAGE_KEYS } from './keys';

/**
 * The stored anchor Entra object ID → accountId, reused across runs so an email change on either
 * side does not unlink a user. Links are spread over a power-of-two number of buckets that doubles
 * whenever a bucket would grow past BUCKET_BYTES, so no value nears KVS's 240 KiB limit at any size.
 * A resize writes a new generation of buckets and then the layout (the commit point), so a crash
 * midway leaves the old generation whole.
 */
export interface LinkLayout {
  generation: number;
  buckets: number;
}

/** Under half of KVS's 240 KiB value limit, so an unlucky bucket still fits before the next resize. */
export const BUCKET_BYTES = 100_000;
const LEGACY_BUCKETS = 32;
const MAX_BUCKETS = 1 << 16;

/** FNV-1a: spreads Entra object IDs evenly over any power-of-two bucket count. */
export function bucketOf(entraId: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < entraId.length; i++) hash = Math.imul(hash ^ entraId.charCodeAt(i), 0x01000193) >>> 0;
  return hash & (buckets - 1);
}

type Bucket = Record<string, string>;

/**
 * Link saves in this process so far. An invocation's cached link keys are dropped when anything
 * else saved links since it read them; its own saves keep them current. Full runs read every link uncached.
 */
let saves = 0;
// Every link key in keys.ts, layout and buckets of either version, begins with this.
const LINK_KEYS = 'links:';
// Kept in the invocation's cache: the count of saves its cached link keys are current with.
const SAVES_SEEN = '#links-saves-seen';

/** A KVS read through the invocation's cache, when there is one. */
type Read = <T>(key: string) => Promise<T | undefined>;

async function readerFor(kv: KeyValueStore, cache: InvocationCache | undefined): Promise<Read> {
  if (!cache) return (key) => kv.get(key);
  if ((await cache.read(SAVES_SEEN, async () => saves)) !== saves) {
    cache.forget(LINK_KEYS);
    cache.write(SAVES_SEEN, saves);
  }
  return (key) => cache.read(key, () => kv.get(key));
}

async function readLayout(read: Read): Promise<LinkLayout | undefined> {
  return read<LinkLayout>(STORAGE_KEYS.userLinksLayout);
}

/** A bucket as stored (a copy: a save merges into it before it is written). */
async function readBucket(read: Read, layout: LinkLayout, bucket: number): Promise<Bucket> {
  return { ...(await read<Bucket>(STORAGE_KEYS.userLinks(layout.generation, bucket))) };
}

async function readLegacy(read: Read): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  for (let bucket = 0; bucket < LEGACY_BUCKETS; bucket++) {
    const entries = (await read<Bucket>(STORAGE_KEYS.legacyUserLinks(bucket))) ?? {};
    for (const [entraId, accountId] of Object.entries(entries)) links.set(entraId, accountId);
  }
  return links;
}

/** Every stored link (full runs). */
export async function loadLinks(kv: KeyValueStore): Promise<Map<string, string>> {
  const read = await readerFor(kv, undefined);
  const layout = await readLayout(read);
  if (!layout) return readLegacy(read);
  const links = new Map<string, string>();
  for (let bucket = 0; bucket < layout.buckets; bucket++) {
    for (const [entraId, accountId] of Object.entries(await readBucket(read, layout, bucket)))
      links.set(entraId, accountId);
  }
  return links;
}

/** The links of these users only, reading just their buckets (incremental runs), once per invocation. */
export async function loadLinksOf(
  kv: KeyValueStore,
  entraIds: Iterable<string>,
  cache?: InvocationCache,
): Promise<Map<string, string>> {
  const wanted = new Set(entraIds);
  const links = new Map<string, string>();
  if (wanted.size === 0) return links;
  const read = await readerFor(kv, cache);
  const layout = await readLayout(read);
  if (!layout) {
    for (const [entraId, accountId] of await readLegacy(read)) if (wanted.has(entraId)) links.set(entraId, accountId);
    return links;
  }
  const buckets = new Set([...wanted].map((id) => bucketOf(id, layout.buckets)));
  for (const bucket of buckets) {
    for (const [entraId, accountId] of Object.entries(await readBucket(read, layout, bucket)))
      if (wanted.has(entraId)) links.set(entraId, accountId);
  }
  return links;
}

/**
 * Stores new or changed links, reading and writing only the buckets they fall in. The first save
 * without a layout migrates the legacy buckets; a bucket that would outgrow BUCKET_BYTES doubles the
 * bucket count.
 */
export async function saveLinks(
  kv: KeyValueStore,
  updates: ReadonlyMap<string, string>,
  cache?: InvocationCache,
): Promise<void> {
  if (updates.size === 0) return;
  let written: Map<string, Bucket> | 'rewritten' | undefined;
  const savesBefore = saves;
  try {
    written = await store(kv, await readerFor(kv, cache), updates);
  } finally {
    // Every other invocation's reads may be stale now; this one's stay current with what it wrote (unless another saved meanwhile).
    saves++;
    if (cache && written instanceof Map && saves === savesBefore + 1) {
      for (const [key, bucket] of written) cache.write(key, bucket);
      cache.write(SAVES_SEEN, saves);
    }
  }
}

/** Writes the updates; the bucket values written by key, or 'rewritten' when every bucket was (migration, resize). */
async function store(
  kv: KeyValueStore,
  read: Read,
  updates: ReadonlyMap<string, string>,
): Promise<Map<string, Bucket> | 'rewritten'> {
  const layout = await readLayout(read);
  if (!layout) {
    const all = await readLegacy(read);
    for (const [entraId, accountId] of updates) all.set(entraId, accountId);
    await writeGeneration(kv, all, undefined);
    for (let bucket = 0; bucket < LEGACY_BUCKETS; bucket++) await kv.delete(STORAGE_KEYS.legacyUserLinks(bucket));
    return 'rewritten';
  }
  const byBucket = new Map<number, [string, string][]>();
  for (const entry of updates) {
    const bucket = bucketOf(entry[0], layout.buckets);
    const entries = byBucket.get(bucket) ?? [];
    entries.push(entry);
    byBucket.set(bucket, entries);
  }
  const merged = new Map<string, Bucket>();
  for (const [bucket, entries] of byBucket) {
    const stored = await readBucket(read, layout, bucket);
    if (entries.every(([entraId, accountId]) => stored[entraId] === accountId)) continue;
    for (const [entraId, accountId] of entries) stored[entraId] = accountId;
    if (bytesOf(stored) > BUCKET_BYTES) {
      await resize(kv, layout, updates);
      return 'rewritten';
    }
    merged.set(STORAGE_KEYS.userLinks(layout.generation, bucket), stored);
  }
  for (const [key, entries] of merged) await kv.set(key, entries);
  return merged;
}

async function resize(kv: KeyValueStore, layout: LinkLayout, updates: ReadonlyMap<string, string>): Promise<void> {
  const all = await loadLinks(kv);
  for (const [entraId, accountId] of updates) all.set(entraId, accountId);
  await writeGeneration(kv, all, layout);
}

/** Writes every link as a new generation sized for them, commits the layout, then drops the old generation. */
async function writeGeneration(
  kv: KeyValueStore,
  links: ReadonlyMap<string, string>,
  previous: LinkLayout | undefined,
): Promise<void> {
  // Start from the size the links need at 70 % fill, then double until every bucket fits.
  let buckets = Math.max(
    previous?.buckets ?? 1,
    nextPowerOfTwo(bytesOf(Object.fromEntries(links)) / (BUCKET_BYTES * 0.7)),
  );
  let split = splitLinks(links, buckets);
  while (split.some((bucket) => bytesOf(bucket) > BUCKET_BYTES)) {
    buckets *= 2;
    if (buckets > MAX_BUCKETS) throw new Error(`User links do not fit ${MAX_BUCKETS} buckets`);
    split = splitLinks(links, buckets);
  }
  const layout: LinkLayout = { generation: (previous?.generation ?? 0) + 1, buckets };
  // Empty buckets too: a crashed earlier attempt at this generation may have left stale ones.
  for (const [bucket, entries] of split.entries())
    await kv.set(STORAGE_KEYS.userLinks(layout.generation, bucket), entries);
  await kv.set(STORAGE_KEYS.userLinksLayout, layout);
  if (previous)
    for (let bucket = 0; bucket < previous.buckets; bucket++)
      await kv.delete(STORAGE_KEYS.userLinks(previous.generation, bucket));
}

function nextPowerOfTwo(n: number): number {
  let power = 1;
  while (power < n) power *= 2;
  return power;
}

function splitLinks(links: ReadonlyMap<string, string>, buckets: number): Bucket[] {
  const split: Bucket[] = Array.from({ length: buckets }, () => ({}));
  for (const [entraId, accountId] of links) (split[bucketOf(entraId, buckets)] as Bucket)[entraId] = accountId;
  return split;
}

function bytesOf(bucket: Bucket): number {
  return Buffer.byteLength(JSON.stringify(bucket));
}
