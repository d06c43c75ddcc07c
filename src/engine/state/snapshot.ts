import type { EntraUser } from '../../core/model';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { Settings } from '../../settings/schema';
import { readAllChunks, stateGone, writeChunks } from './chunked-list';
import { RUN_DATA } from '../run/run-data';
import { STORAGE_KEYS } from './keys';

/**
 * What the last full run read from Entra, and the delta links to continue from. Incremental runs
 * do not copy it: they add an overlay (their own run data: changed users, removed users, re-read
 * groups) and the state is the base plus the overlays in order. A full run starts a new base.
 */
export interface SnapshotMeta {
  /** Settings that shape the source read; any change forces a full run. */
  fingerprint: string;
  baseRunId: string;
  baseChunks: { users: number; members: number; groups: number };
  overlays: Array<{ runId: string; chunks: Record<string, number> }>;
  fullAt: number;
  usersDeltaLink: string | null;
  groupDeltaLinks: Array<{ ids: string[] | null; link: string }>;
  /** Memberships in writable groups after the last run (the base of the removal percentage). */
  managedMemberships: number;
  /** Managed Jira groups (existing, writable) the last run saw; absent on snapshots saved before it was kept. */
  managedGroups?: number;
  /** Chunk count of the root → nested groups index. */
  rootGroupChunks: number;
  /** Chunk count of the index of each chosen group's stored members (member-index.ts); absent on older snapshots. */
  memberIndexChunks?: number;
  /** Bucket count of the index of each stored user's record and chosen groups (user-index.ts); absent on older snapshots. */
  userIndexBuckets?: number;
}

export interface RootGroups {
  rootId: string;
  groupIds: string[];
}

/** After this many incremental runs the next run is full, so the overlay stack stays short. */
export const MAX_OVERLAYS = 100;
/**
 * The stored Entra state lives SNAPSHOT_DATA_TTL_SECONDS (storage-keys.ts); a full run reads it
 * afresh before then. Drift made by hand in Jira is repaired by each run's slice (read-drift.ts),
 * not by a whole-tenant full run.
 */
export const SNAPSHOT_MAX_AGE_MS = 45 * 24 * 3_600_000;

export function sourceFingerprint(settings: Settings): string {
  const { scope, identifier, groups, cloud, tenantId, clientId } = settings;
  return JSON.stringify({
    scope,
    identifier,
    groups,
    cloud,
    tenantId: tenantId.toLowerCase(),
    clientId: clientId.toLowerCase(),
  });
}

export async function loadSnapshotMeta(kv: KeyValueStore): Promise<SnapshotMeta | undefined> {
  return kv.get<SnapshotMeta>(STORAGE_KEYS.snapshotMeta);
}

export async function saveSnapshotMeta(kv: KeyValueStore, meta: SnapshotMeta): Promise<void> {
  await kv.set(STORAGE_KEYS.snapshotMeta, meta);
}

export async function saveRootGroups(kv: KeyValueStore, roots: RootGroups[]): Promise<number> {
  return writeChunks(kv, STORAGE_KEYS.snapshotRootGroups, 0, roots);
}

export async function loadRootGroups(kv: KeyValueStore, meta: SnapshotMeta): Promise<Map<string, Set<string>>> {
  const roots = await readAllChunks<RootGroups>(kv, STORAGE_KEYS.snapshotRootGroups, meta.rootGroupChunks);
  return new Map(roots.map((r) => [r.rootId, new Set(r.groupIds)]));
}

/** Why an incremental run is not possible now, or null when it is. */
export function incrementalBlocker(meta: SnapshotMeta | undefined, settings: Settings, now: number): string | null {
  if (!meta) return 'no earlier full run to continue from';
  if (meta.fingerprint !== sourceFingerprint(settings))
    return 'the scope, mapping or connection changed since the last full run';
  if (now - meta.fullAt >= SNAPSHOT_MAX_AGE_MS)
    return `the stored Entra state is ${Math.floor((now - meta.fullAt) / 86_400_000)} days old and is read afresh before it expires`;
  if (meta.overlays.length >= MAX_OVERLAYS) return `${MAX_OVERLAYS} incremental runs since the last full run`;
  if (!meta.usersDeltaLink) return 'no delta link was stored';
  return null;
}

/** Where the stored Entra state lives: the base run's pages, then each overlay run's, in order. */
interface StateSource {
  runId: string;
  chunks: Record<string, number>;
  /** Overlays replace a group's members wholesale; the base accumulates pages. */
  replaces: boolean;
}

function sourcesOf(meta: SnapshotMeta): StateSource[] {
  return [
    {
      runId: meta.baseRunId,
      chunks: { 'entra-users': meta.baseChunks.users, 'entra-members': meta.baseChunks.members },
      replaces: false,
    },
    ...meta.overlays.map((o) => ({ runId: o.runId, chunks: o.chunks, replaces: true })),
  ];
}

/**
 * The stored members of every chosen group, as IDs only (an incremental run compares them with
 * what it read again; user objects are loaded later, for the changed users alone, to keep the
 * invocation's memory small at 100,000 users).
 */
export async function loadMemberIds(kv: KeyValueStore, meta: SnapshotMeta): Promise<Map<string, Set<string>>> {
  const members = new Map<string, Set<string>>();
  try {
    for (const source of sourcesOf(meta)) {
      const replaced = new Set<string>();
      await RUN_DATA.entraMembers.forEachOf(
        kv,
        source.runId,
        source.chunks[RUN_DATA.entraMembers.name] ?? 0,
        (chunk) => {
          for (const page of chunk) {
            if (source.replaces && !replaced.has(page.groupId)) {
              members.set(page.groupId, new Set());
              replaced.add(page.groupId);
            }
            const set = members.get(page.groupId) ?? new Set<string>();
            for (const user of page.users) set.add(user.id);
            members.set(page.groupId, set);
          }
        },
      );
      if (!source.replaces) continue;
      await RUN_DATA.deltaRemoved.forEachOf(kv, source.runId, source.chunks[RUN_DATA.deltaRemoved.name] ?? 0, (ids) => {
        for (const id of ids) for (const set of members.values()) set.delete(id);
      });
    }
  } catch (error) {
    throw stateGone(error);
  }
  return members;
}

/** The latest stored version of the users in `wanted` (the base, then each overlay in order). */
export async function loadStoredUsers(
  kv: KeyValueStore,
  meta: SnapshotMeta,
  wanted: ReadonlySet<string>,
): Promise<Map<string, EntraUser>> {
  const users = new Map<string, EntraUser>();
  const keep = (list: EntraUser[]) => {
    for (const user of list) if (wanted.has(user.id)) users.set(user.id, user);
  };
  try {
    for (const source of sourcesOf(meta)) {
      const read = source.replaces ? RUN_DATA.deltaUsers : RUN_DATA.entraUsers;
      await read.forEachOf(kv, source.runId, source.chunks[read.name] ?? 0, keep);
      await RUN_DATA.entraMembers.forEachOf(
        kv,
        source.runId,
        source.chunks[RUN_DATA.entraMembers.name] ?? 0,
        (chunk) => {
          for (const page of chunk) keep(page.users);
        },
      );
    }
  } catch (error) {
    throw stateGone(error);
  }
  return users;
}
