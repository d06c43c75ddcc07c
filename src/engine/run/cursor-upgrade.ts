import type { Phase } from '../../shared/resolver-contract';
import type { RunCursor, RunKind, StageCursor } from './cursor';

/** The one wide cursor run records were saved with before each stage had its own (read once, then saved anew). */
interface WideCursor {
  checked: boolean;
  entraGroupsRead: boolean;
  usersNext: string | null;
  usersDone: boolean;
  groupIndex: number;
  groupNext: string | null;
  listRestarts?: number;
  targetsResolved: boolean;
  jiraUsersStartAt: number | null;
  emailsDone: boolean;
  memberTargetIndex: number;
  memberPositions?: Record<string, number | null>;
  applyChunk: number;
  applyIndex: number;
  chunks: RunCursor['chunks'];
  delta: {
    latestTaken: boolean;
    usersLink: string | null;
    usersDone: boolean;
    groupsLink: string | null;
    groupsDone: boolean;
    newUsersLink: string | null;
    newGroupsLink: string | null;
    rootsToRead: string[] | null;
    affectedIndex: number;
  };
  drift?: RunCursor['drift'];
}

/**
 * A run record saved by the wide-cursor version keeps its place: each stage's position is taken
 * from the fields that held it, so a run in flight across an upgrade continues where it stopped.
 */
export function upgradeCursor(cursor: RunCursor | WideCursor, phase: Phase, kind: RunKind): RunCursor {
  if ('stage' in cursor) return cursor;
  const { checked, chunks, drift } = cursor;
  const delta = { newUsersLink: cursor.delta.newUsersLink, newGroupsLink: cursor.delta.newGroupsLink };
  return { checked, chunks, delta, ...(drift ? { drift } : {}), stage: stageOf(cursor, phase, kind) };
}

function stageOf(old: WideCursor, phase: Phase, kind: RunKind): StageCursor {
  const members = { index: old.groupIndex, next: old.groupNext };
  const listRestarts = old.listRestarts ?? 0;
  const d = old.delta;
  if (phase === 'read-source' && kind === 'full') {
    const task = !d.latestTaken
      ? 'latest-links'
      : !old.entraGroupsRead
        ? 'groups'
        : old.usersDone
          ? 'members'
          : 'users';
    return { phase, kind, task, usersNext: old.usersNext, members, listRestarts };
  }
  if (phase === 'read-source') {
    const task = !old.entraGroupsRead
      ? 'groups'
      : !d.usersDone
        ? 'users-delta'
        : !d.groupsDone
          ? 'groups-delta'
          : d.rootsToRead === null
            ? 'changed-roots'
            : 'members';
    const links = { usersLink: d.usersLink, groupsLink: d.groupsLink };
    return { phase, kind: 'incremental', task, ...links, roots: d.rootsToRead ?? [], members, listRestarts };
  }
  if (phase === 'read-target' && kind === 'full') {
    const task = !old.targetsResolved
      ? 'targets'
      : old.jiraUsersStartAt !== null
        ? 'accounts'
        : !old.emailsDone
          ? 'hidden-emails'
          : 'members';
    const at = { accountsStartAt: old.jiraUsersStartAt ?? 0, groupIndex: old.memberTargetIndex };
    return { phase, kind, task, ...at, positions: old.memberPositions ?? {} };
  }
  if (phase === 'read-target') {
    // The drift reads and the lookups resume from their own positions; finished ones answer at once.
    const task = old.targetsResolved ? 'drift' : 'changed-users';
    return { phase, kind: 'incremental', task, lookupIndex: d.affectedIndex };
  }
  // Incremental runs of that version checked the write identity in the plan phase.
  if (phase === 'apply') return { phase, chunk: old.applyChunk, index: old.applyIndex, writerChecked: true };
  // The finish phase came long after this cursor.
  if (phase === 'finish') throw new Error('A run saved with the wide cursor cannot be finishing');
  return { phase };
}
