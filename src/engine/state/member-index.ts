import type { EntraUser } from '../../core/model';
import type { MemberPage } from '../stages/read-entra/member-page';
import type { KeyValueStore } from '../../ports/key-value-store';
import { RUN_DATA } from '../run/run-data';
import { MissingRunData, readAllChunks, stateGone, writeChunks } from './chunked-list';
import { STORAGE_KEYS } from './keys';
import type { SnapshotMeta } from './snapshot';

/**
 * Where each chosen group's stored members are: a run reads a group's pages one after another, so
 * they fill a run of consecutive chunks of that run's `entra-members`. With this index a run that
 * needs a few groups (drift repair) reads their chunks and the overlays' small user deltas, never
 * the whole stored state. The index holds no members, so it stays small at any group size.
 */
export interface MemberRange {
  rootId: string;
  runId: string;
  /** Chunks [from, to) of that run's `entra-members`. */
  from: number;
  to: number;
  /** Users the read returned (the group's share of a drift cycle). */
  members: number;
  /** The overlay that read it (its position in `meta.overlays`), or -1 for the base run. */
  overlay: number;
}

/** One pass over a run's member pages: each group's chunk range and its nested groups. */
export interface MemberPagesSeen {
  ranges: Map<string, Omit<MemberRange, 'overlay'>>;
  trees: Map<string, string[]>;
}

/** Takes one chunk of a run's member pages into `seen` (chunks in order), showing each page to `visit`. */
export function seeChunk(
  seen: MemberPagesSeen,
  runId: string,
  seq: number,
  chunk: readonly MemberPage[],
  visit?: (page: MemberPage) => void,
): void {
  const { ranges, trees } = seen;
  for (const page of chunk) {
    visit?.(page);
    const range = ranges.get(page.groupId) ?? { rootId: page.groupId, runId, from: seq, to: seq + 1, members: 0 };
    range.to = seq + 1;
    range.members += page.users.length;
    ranges.set(page.groupId, range);
    const tree = trees.get(page.groupId) ?? [];
    if (page.groupIds) tree.push(...page.groupIds.map((g) => g.toLowerCase()));
    trees.set(page.groupId, tree);
  }
}

export async function saveMemberIndex(kv: KeyValueStore, ranges: Iterable<MemberRange>): Promise<number> {
  return writeChunks(kv, STORAGE_KEYS.snapshotMemberIndex, 0, [...ranges]);
}

/** The index by chosen group; null for a snapshot saved before it was kept (read the whole state instead). */
export async function loadMemberIndex(kv: KeyValueStore, meta: SnapshotMeta): Promise<Map<string, MemberRange> | null> {
  if (meta.memberIndexChunks === undefined) return null;
  const ranges = await readAllChunks<MemberRange>(kv, STORAGE_KEYS.snapshotMemberIndex, meta.memberIndexChunks);
  return new Map(ranges.map((r) => [r.rootId, r]));
}

/**
 * The stored members of these chosen groups, as the base and overlays leave them: each group's own
 * pages, then the later overlays' changed users (newer versions) and removed users (gone).
 */
export async function loadMembersOf(
  kv: KeyValueStore,
  meta: SnapshotMeta,
  ranges: readonly MemberRange[],
): Promise<Map<string, Map<string, EntraUser>>> {
  const members = new Map<string, Map<string, EntraUser>>();
  try {
    for (const range of ranges) members.set(range.rootId, await readRange(kv, range));
    const first = Math.min(...ranges.map((r) => r.overlay), meta.overlays.length);
    for (let index = Math.max(0, first); index < meta.overlays.length; index++) {
      const overlay = meta.overlays[index] as SnapshotMeta['overlays'][number];
      // A group read by this overlay already has its users as the overlay read them; its removals still apply.
      const readBefore = ranges.filter((r) => r.overlay < index).map((r) => members.get(r.rootId)!);
      const readUpTo = ranges.filter((r) => r.overlay <= index).map((r) => members.get(r.rootId)!);
      await RUN_DATA.deltaUsers.forEachOf(kv, overlay.runId, overlay.chunks[RUN_DATA.deltaUsers.name] ?? 0, (users) =>
        replaceKnown(readBefore, users),
      );
      await RUN_DATA.deltaRemoved.forEachOf(
        kv,
        overlay.runId,
        overlay.chunks[RUN_DATA.deltaRemoved.name] ?? 0,
        (ids) => {
          for (const group of readUpTo) for (const id of ids) group.delete(id);
        },
      );
    }
  } catch (error) {
    throw stateGone(error);
  }
  return members;
}

/** Newer versions of users a group already holds replace the old ones (users not in it stay out). */
export function replaceKnown(groups: ReadonlyArray<Map<string, EntraUser>>, users: readonly EntraUser[]): void {
  for (const group of groups) for (const user of users) if (group.has(user.id)) group.set(user.id, user);
}

async function readRange(kv: KeyValueStore, range: MemberRange): Promise<Map<string, EntraUser>> {
  const users = new Map<string, EntraUser>();
  for (let seq = range.from; seq < range.to; seq++) {
    const chunk = await memberChunk(kv, range.runId, seq);
    for (const page of chunk)
      if (page.groupId === range.rootId) for (const user of page.users) users.set(user.id, user);
  }
  return users;
}

/** One chunk of a run's member pages; a missing one is an error (expired state), never an empty group. */
export async function memberChunk(kv: KeyValueStore, runId: string, seq: number) {
  const chunk = await RUN_DATA.entraMembers.readChunk(kv, runId, seq);
  if (chunk === undefined) throw new MissingRunData(`Member pages ${seq} of run ${runId} are missing`);
  return chunk;
}
