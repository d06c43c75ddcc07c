import type { ChangeFate } from '../../../core/settle-outcomes';
import type { DataOwner } from '../../run/data-kind';
import type { FinishCursor } from '../../run/cursor';
import { stageCursor } from '../../run/cursor';
import type { RunRecord } from '../../run/record';
import { isFinished } from '../../run/record';
import { RUN_DATA } from '../../run/run-data';
import type { MemberPagesSeen } from '../../state/member-index';
import { UserIndexBuilder } from '../../state/user-index';
import { savePart } from '../../state/user-index-parts';
import type { Shards } from '../../state/user-index-write';
import type { SeenGroup } from './finish-data';

/**
 * What the finish phase holds in one invocation, ahead of the run's saved cursor: its own copy
 * of the cursor, the users gathered since the last stored part and the member pages' ranges. The
 * run's cursor only ever names stored work: when the step is saved (budget spent, a wait, an
 * error) the gathered users are stored as a part first, so the next invocation continues.
 */
export interface FinishWork {
  cursor: FinishCursor;
  /** Full runs: the users gathered since the last stored part. */
  builder: UserIndexBuilder | null;
  /** About how many bytes the builder holds. */
  gathered: number;
  seen: MemberPagesSeen | null;
  seenChanged: boolean;
  /** This invocation's read of the changes outcomes are settled against. */
  undone?: Map<string, ChangeFate[]>;
  /** The users by shard, when the whole scan was held in memory. */
  shards?: Shards;
}

const works = new WeakMap<RunRecord, FinishWork>();

export function workOf(run: RunRecord): FinishWork {
  let work = works.get(run);
  if (!work) {
    const cursor = structuredClone(stageCursor(run, 'finish'));
    const builder = run.summary.kind === 'full' ? new UserIndexBuilder() : null;
    work = { cursor, builder, gathered: 0, seen: null, seenChanged: false };
    works.set(run, work);
  }
  return work;
}

/** The member pages' ranges and trees seen so far (stored ones once a step has been saved mid-scan). */
export async function loadSeen(owner: DataOwner & { run: RunRecord }, work: FinishWork): Promise<MemberPagesSeen> {
  if (!work.seen)
    work.seen = seenOf(
      owner.run.summary.id,
      RUN_DATA.seenGroups.exists(owner.run) ? await RUN_DATA.seenGroups.read(owner) : [],
    );
  return work.seen;
}

/** Stores the gathered users as the next part. */
export async function storePart(owner: DataOwner & { run: RunRecord }, work: FinishWork): Promise<void> {
  if (!work.builder || work.builder.states.size === 0) return;
  const { cursor } = work;
  cursor.parts = [
    ...cursor.parts,
    await savePart(owner.deps.kv, owner.run.summary.id, cursor.parts.length, work.builder),
  ];
  work.builder = new UserIndexBuilder();
  work.gathered = 0;
  delete work.shards;
}

/**
 * Before a finishing run's step is saved: what this invocation gathered is stored, then its
 * cursor becomes the run's. A step that never gets here (a killed invocation) is redone from
 * the saved cursor, which names only stored work.
 */
export async function saveFinishWork(owner: DataOwner & { run: RunRecord }): Promise<void> {
  const { run } = owner;
  const work = works.get(run);
  if (!work || isFinished(run.summary.status) || run.summary.phase !== 'finish') return;
  if (['members', 'users', 'sizes', 'index'].includes(work.cursor.task)) await storePart(owner, work);
  if (work.seen && work.seenChanged) await RUN_DATA.seenGroups.replace(owner, seenGroupsOf(work.seen));
  work.seenChanged = false;
  run.cursor.stage = structuredClone(work.cursor);
}

function seenGroupsOf(seen: MemberPagesSeen): SeenGroup[] {
  return [...seen.ranges.values()].map(({ rootId, from, to, members }) => ({
    rootId,
    from,
    to,
    members,
    groupIds: seen.trees.get(rootId) ?? [],
  }));
}

function seenOf(runId: string, groups: readonly SeenGroup[]): MemberPagesSeen {
  const seen: MemberPagesSeen = { ranges: new Map(), trees: new Map() };
  for (const { groupIds, ...range } of groups) {
    seen.ranges.set(range.rootId, { ...range, runId });
    seen.trees.set(range.rootId, groupIds);
  }
  return seen;
}
