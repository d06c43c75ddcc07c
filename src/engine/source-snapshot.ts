import type { EntraUser } from '../core/model';
import type { KeyValueStore } from '../ports/key-value-store';
import type { Settings } from '../settings/schema';
import { forEachChunk, readAllChunks, writeChunks } from './chunked-list';
import type { MemberPage } from './phases/read-source';
import { STORAGE_KEYS } from './storage-keys';

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
  /** Chunk count of the root → nested groups index. */
  rootGroupChunks: number;
}

export interface RootGroups {
  rootId: string;
  groupIds: string[];
}

/** After this many incremental runs the next run is full, so the overlay stack stays short. */
export const MAX_OVERLAYS = 100;
/** A full reconcile at least daily repairs drift made by hand in Jira. */
export const FULL_RUN_EVERY_MS = 24 * 3_600_000;

export function sourceFingerprint(settings: Settings): string {
  const { scope, identifier, groups, cloud, tenantId, clientId } = settings;
  return JSON.stringify({ scope, identifier, groups, cloud, tenantId: tenantId.toLowerCase(), clientId: clientId.toLowerCase() });
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
  if (meta.fingerprint !== sourceFingerprint(settings)) return 'the scope, mapping or connection changed since the last full run';
  if (now - meta.fullAt >= FULL_RUN_EVERY_MS) return 'the daily full reconcile is due';
  if (meta.overlays.length >= MAX_OVERLAYS) return `${MAX_OVERLAYS} incremental runs since the last full run`;
  if (!meta.usersDeltaLink) return 'no delta link was stored';
  return null;
}

export interface SourceState {
  users: Map<string, EntraUser>;
  /** Root (chosen) group → its users at any depth. */
  members: Map<string, Set<string>>;
}

/** The Entra state as of the last run: the base run's pages with every overlay applied in order. */
export async function loadSourceState(kv: KeyValueStore, meta: SnapshotMeta): Promise<SourceState> {
  const users = new Map<string, EntraUser>();
  const members = new Map<string, Set<string>>();
  const apply = (pages: MemberPage[], replace: boolean) => {
    const seen = new Set<string>();
    for (const page of pages) {
      if (replace && !seen.has(page.groupId)) members.set(page.groupId, new Set());
      seen.add(page.groupId);
      const set = members.get(page.groupId) ?? new Set<string>();
      for (const user of page.users) {
        users.set(user.id, user);
        set.add(user.id);
      }
      members.set(page.groupId, set);
    }
  };
  await forEachChunk<EntraUser>(kv, STORAGE_KEYS.runData(meta.baseRunId, 'entra-users'), meta.baseChunks.users, (chunk) => {
    for (const user of chunk) users.set(user.id, user);
  });
  await forEachChunk<MemberPage>(kv, STORAGE_KEYS.runData(meta.baseRunId, 'entra-members'), meta.baseChunks.members, (chunk) => apply(chunk, false));
  for (const overlay of meta.overlays) {
    apply(await readAllChunks<MemberPage>(kv, STORAGE_KEYS.runData(overlay.runId, 'entra-members'), overlay.chunks['entra-members'] ?? 0), true);
    for (const user of await readAllChunks<EntraUser>(kv, STORAGE_KEYS.runData(overlay.runId, 'delta-users'), overlay.chunks['delta-users'] ?? 0)) users.set(user.id, user);
    for (const id of await readAllChunks<string>(kv, STORAGE_KEYS.runData(overlay.runId, 'delta-removed'), overlay.chunks['delta-removed'] ?? 0)) {
      users.delete(id);
      for (const set of members.values()) set.delete(id);
    }
  }
  return { users, members };
}
