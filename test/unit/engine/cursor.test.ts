import type { RunCursor } from '../../../src/engine/run/cursor';
import { stageCursor } from '../../../src/engine/run/cursor';
import { upgradeCursor } from '../../../src/engine/run/cursor-upgrade';
import { firstCursor, PHASES } from '../../../src/engine/run/phases';

/** Each stage's own typed cursor: where a run of each kind starts, how a stage gets its cursor, and old records. */

function runWith(cursor: RunCursor) {
  return { summary: { id: 'run-1' }, cursor };
}

describe('stage cursors', () => {
  test('a run starts at the first task of its kind', () => {
    expect(firstCursor('full')).toEqual({
      checked: false,
      chunks: {},
      delta: { newUsersLink: null, newGroupsLink: null },
      stage: expect.objectContaining({ phase: 'read-source', kind: 'full', task: 'latest-links', listRestarts: 0 }),
    });
    expect(firstCursor('incremental').stage).toMatchObject({
      phase: 'read-source',
      kind: 'incremental',
      task: 'groups',
    });
  });

  test("every phase's stages start with a cursor of that phase and kind", () => {
    for (const [phase, entry] of Object.entries(PHASES))
      for (const kind of ['full', 'incremental'] as const) {
        const stage = entry.work[kind].start();
        expect(stage.phase).toBe(phase);
        if ('kind' in stage) expect(stage.kind).toBe(kind);
      }
  });

  test("a stage gets the run's cursor typed as its own", () => {
    const run = runWith(firstCursor('full'));
    const cursor = stageCursor(run, 'read-source', 'full');
    cursor.task = 'users';
    expect(run.cursor.stage).toMatchObject({ task: 'users' });
    // @ts-expect-error -- a full read-source cursor has no delta-round link
    expect(cursor.usersLink).toBeUndefined();
  });

  test('a stage given another stage’s cursor fails loudly instead of guessing', () => {
    const run = runWith(firstCursor('incremental'));
    expect(() => stageCursor(run, 'read-source', 'full')).toThrow(
      'Run run-1 has the cursor of read-source incremental, not of read-source full',
    );
    expect(() => stageCursor(run, 'apply')).toThrow('not of apply');
  });

  test('a record saved with the wide cursor continues where it stopped', () => {
    const wide = {
      checked: true,
      entraGroupsRead: true,
      usersNext: null,
      usersDone: true,
      groupIndex: 2,
      groupNext: null,
      targetsResolved: true,
      jiraUsersStartAt: 2000,
      emailsDone: false,
      memberTargetIndex: 0,
      applyChunk: 0,
      applyIndex: 0,
      chunks: { 'entra-members': 4, targets: 1, 'jira-users': 2 },
      delta: {
        latestTaken: true,
        usersLink: null,
        usersDone: false,
        groupsLink: null,
        groupsDone: false,
        newUsersLink: 'users-link',
        newGroupsLink: 'groups-link',
        rootsToRead: null,
        affectedIndex: 0,
      },
    };
    expect(upgradeCursor(wide as never, 'read-target', 'full')).toEqual({
      checked: true,
      chunks: wide.chunks,
      delta: { newUsersLink: 'users-link', newGroupsLink: 'groups-link' },
      stage: {
        phase: 'read-target',
        kind: 'full',
        task: 'accounts',
        accountsStartAt: 2000,
        groupIndex: 0,
        positions: {},
      },
    });
    expect(upgradeCursor({ ...wide, applyChunk: 1, applyIndex: 50 } as never, 'apply', 'incremental').stage).toEqual({
      phase: 'apply',
      chunk: 1,
      index: 50,
      writerChecked: true,
    });
    const current = firstCursor('full');
    expect(upgradeCursor(current, 'read-source', 'full')).toBe(current);
  });
});
