import type { DriftCursor, DriftGroup } from '../../../src/core/drift-repair';
import {
  CYCLE_DAYS,
  CYCLE_MS,
  cycleDoneBy,
  driftDueAt,
  driftSlice,
  driftWeight,
  effectiveCycle,
  perRunMembers,
} from '../../../src/core/drift-repair';

const HOUR = 3_600_000;
const DAY = CYCLE_MS.daily;
const T0 = Date.UTC(2026, 10, 30);
const id = (i: number) => `g${String(i).padStart(4, '0')}`;
/** n groups of `members` each (weight members + 1). */
const groups = (n: number, members = 0, from = 0): DriftGroup[] =>
  Array.from({ length: n }, (_, i) => ({ id: id(from + i), members }));
const at = (cycleStartedAt: number, readThrough: string | null): DriftCursor => ({
  cycleStartedAt,
  readThrough,
  nextDue: { offset: 0, total: 1 },
});

/** Runs every `step` ms from `from` to `to` (inclusive), each reading its slice; the slices, in order. */
function runEvery(
  list: DriftGroup[] | ((now: number) => DriftGroup[]),
  from: number,
  to: number,
  step: number,
  cursor?: DriftCursor,
  cycleMs: number | ((now: number) => number) = DAY,
  maxMembers?: number,
): { slices: string[][]; cursor: DriftCursor | undefined } {
  const slices: string[][] = [];
  for (let now = from; now <= to; now += step) {
    const cycle = typeof cycleMs === 'function' ? cycleMs(now) : cycleMs;
    const slice = driftSlice(typeof list === 'function' ? list(now) : list, cursor, now, cycle, maxMembers);
    slices.push(slice.groupIds);
    cursor = slice.after;
  }
  return { slices, cursor };
}

describe('the drift cycle', () => {
  it('auto is weekly when reads cost points and daily when exempt; a setting is kept', () => {
    expect(effectiveCycle('auto', false)).toBe('weekly');
    expect(effectiveCycle('auto', true)).toBe('daily');
    expect(effectiveCycle('daily', false)).toBe('daily');
    expect(effectiveCycle('weekly', true)).toBe('weekly');
    expect(CYCLE_MS).toEqual({ daily: 24 * HOUR, weekly: 7 * 24 * HOUR });
    expect(CYCLE_DAYS).toEqual({ daily: 1, weekly: 7 });
  });

  it('weighs a group by its members, an empty one as the one request its read costs', () => {
    expect(driftWeight(0)).toBe(1);
    expect(driftWeight(49)).toBe(50);
    expect(driftWeight(-3)).toBe(1);
  });

  it('lets a run catch up at twice the even share, and without scheduled runs without a bound', () => {
    // 10 groups of 99 members and 10 empty ones weigh 1,010: 24 runs share 42.08 each.
    const list = [...groups(10, 99), ...groups(10, 0, 10)];
    expect(perRunMembers(list, 24)).toBe(86);
    expect(perRunMembers(groups(48, 0), 24)).toBe(4);
    expect(perRunMembers(list, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(perRunMembers(list, -1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('drift slices bounded by members', () => {
  it('hourly runs read every group exactly once a cycle, in ID order, evenly', () => {
    const list = groups(48, 9).reverse();
    const { slices, cursor } = runEvery(list, T0 + HOUR, T0 + DAY, HOUR, cycleDoneBy(T0, list));
    expect(slices.flat()).toEqual(list.map((g) => g.id).reverse());
    expect(slices.every((s) => s.length === 2)).toBe(true);
    // Finished: nothing until the cycle has lasted a day, then the next cycle's first share.
    expect(driftSlice(list, cursor, T0 + DAY + HOUR / 2 - 1, DAY).groupIds).toEqual([]);
    expect(driftSlice(list, cursor, T0 + DAY + HOUR / 2, DAY).groupIds).toEqual([id(0)]);
  });

  it('one 50,000-member group and a thousand small ones spread over the runs by members', () => {
    const list = [...groups(1000, 9), { id: id(500) + 'big', members: 49_999 }];
    const total = 1000 * 10 + 50_000;
    const weight = new Map(list.map((g) => [g.id, driftWeight(g.members)]));
    const { slices } = runEvery(list, T0 + HOUR, T0 + DAY, HOUR, cycleDoneBy(T0, list));
    expect(slices.flat().sort()).toEqual(list.map((g) => g.id).sort());
    const perRun = slices.map((s) => s.reduce((sum, g) => sum + (weight.get(g) ?? 0), 0));
    // Every run without the big group reads its hour's share (2,500) give or take one small group.
    const share = total / 24;
    for (const [i, members] of perRun.entries())
      if (!slices[i]!.includes(id(500) + 'big')) expect(members).toBeLessThanOrEqual(share + 10);
    // The big group takes its share of the day: the runs around it read nothing else for hours.
    expect(perRun.filter((m) => m === 0).length).toBeGreaterThanOrEqual(18);
    expect(slices.filter((s) => s.includes(id(500) + 'big'))).toHaveLength(1);
  });

  it('a group bigger than the per-run bound is read alone, the bound holding back the groups after it', () => {
    const list = [
      { id: 'a', members: 9 },
      { id: 'b', members: 999 },
      { id: 'c', members: 9 },
    ];
    // A day late: all three due at once, the bound 20 members.
    const first = driftSlice(list, at(T0, null), T0 + DAY, DAY, 20);
    expect(first.groupIds).toEqual(['a']);
    expect(first.after.nextDue).toEqual({ offset: 1010, total: 1020 });
    const second = driftSlice(list, first.after, T0 + DAY, DAY, 20);
    expect(second.groupIds).toEqual(['b']);
    const third = driftSlice(list, second.after, T0 + DAY, DAY, 20);
    expect(third).toMatchObject({ groupIds: ['c'], of: 3, readInCycle: 3 });
    // Exactly at the bound a group still fits.
    expect(driftSlice(list, at(T0, 'b'), T0 + DAY, DAY, 10).groupIds).toEqual(['c']);
    expect(driftSlice([...list, { id: 'd', members: 0 }], at(T0, 'b'), T0 + DAY, DAY, 11).groupIds).toEqual(['c', 'd']);
    expect(driftSlice([...list, { id: 'd', members: 0 }], at(T0, 'b'), T0 + DAY, DAY, 10).groupIds).toEqual(['c']);
  });

  it('empty groups take one request of the cycle each and are read like any other', () => {
    const list = groups(4, 0);
    const { slices } = runEvery(list, T0 + 6 * HOUR, T0 + DAY, 6 * HOUR, cycleDoneBy(T0, list));
    expect(slices).toEqual([[id(0)], [id(1)], [id(2)], [id(3)]]);
  });

  it('a group is due exactly when the cycle passes the end of its share', () => {
    const list = [
      { id: 'a', members: 0 },
      { id: 'b', members: 2 },
    ];
    // a ends at 1/4 of the day, b at 4/4.
    expect(driftSlice(list, at(T0, null), T0 + DAY / 4 - 1, DAY).groupIds).toEqual([]);
    const due = driftSlice(list, at(T0, null), T0 + DAY / 4, DAY);
    expect(due).toEqual({
      groupIds: ['a'],
      of: 2,
      readInCycle: 1,
      after: { cycleStartedAt: T0, readThrough: 'a', nextDue: { offset: 4, total: 4 } },
    });
    expect(driftDueAt(due.after, DAY)).toBe(T0 + DAY);
    expect(driftSlice(list, due.after, T0 + DAY - 1, DAY).groupIds).toEqual([]);
    expect(driftSlice(list, due.after, T0 + DAY, DAY).groupIds).toEqual(['b']);
  });

  it('reads groups in ID order whatever the order given, a repeated group once', () => {
    const list = [
      { id: 'c', members: 0 },
      { id: 'a', members: 0 },
      { id: 'b', members: 0 },
      { id: 'a', members: 0 },
    ];
    expect(driftSlice(list, at(T0, null), T0 + DAY, DAY)).toMatchObject({ groupIds: ['a', 'b', 'c'], of: 3 });
  });

  it('groups added mid-cycle after its place are read this cycle, those before it next cycle; removed ones are not read', () => {
    const before = groups(4, 0, 10);
    const cursor = driftSlice(before, at(T0, null), T0 + DAY / 2, DAY).after;
    expect(cursor.readThrough).toBe(id(11));
    const after = [...before.filter((g) => g.id !== id(12)), { id: id(1), members: 0 }, { id: id(20), members: 0 }];
    const rest = driftSlice(after, cursor, T0 + DAY, DAY);
    expect(rest).toMatchObject({ groupIds: [id(13), id(20)], of: 5, readInCycle: 5 });
    const next = driftSlice(after, rest.after, T0 + 2 * DAY - 1, DAY);
    // The next cycle reads the group added before the cycle's place too (the last share ends at the cycle's end).
    expect(next.groupIds).toEqual([id(1), id(10), id(11), id(13)]);
  });

  it('a group removed at the cycle position leaves the rest of the cycle in place', () => {
    const list = groups(3, 0);
    const slice = driftSlice(
      list.filter((g) => g.id !== id(1)),
      at(T0, id(1)),
      T0 + DAY,
      DAY,
    );
    expect(slice).toMatchObject({ groupIds: [id(2)], readInCycle: 2 });
  });

  it('a shorter cycle makes the groups due sooner, a longer one later, from the same cycle start', () => {
    const list = groups(4, 0);
    const cursor = at(T0, id(0));
    expect(driftSlice(list, cursor, T0 + DAY, CYCLE_MS.weekly).groupIds).toEqual([]);
    expect(driftSlice(list, cursor, T0 + DAY, DAY).groupIds).toEqual([id(1), id(2), id(3)]);
    // Weekly → daily mid-cycle with a bound: the backlog is spread over runs, each group still once.
    const { slices } = runEvery(list, T0 + DAY, T0 + DAY + 3 * HOUR, HOUR, cursor, DAY, 1);
    expect(slices).toEqual([[id(1)], [id(2)], [id(3)], []]);
  });

  it('a finished cycle waits until it has lasted a whole cycle, and starts afresh when two cycles overdue', () => {
    const list = groups(3, 0);
    const done = at(T0, id(2));
    expect(driftSlice(list, done, T0 + DAY - 1, DAY)).toEqual({
      groupIds: [],
      of: 3,
      readInCycle: 3,
      after: { cycleStartedAt: T0, readThrough: id(2), nextDue: { offset: 4, total: 3 } },
    });
    const onTime = driftSlice(list, done, T0 + 1.7 * DAY, DAY);
    expect(onTime).toMatchObject({ groupIds: [id(0), id(1)], after: { cycleStartedAt: T0 + DAY, readThrough: id(1) } });
    const overdue = driftSlice(list, done, T0 + 2.5 * DAY, DAY);
    expect(overdue).toMatchObject({ groupIds: [], readInCycle: 0, after: { cycleStartedAt: T0 + 2.5 * DAY } });
    expect(overdue.after.readThrough).toBeNull();
    expect(driftSlice(list, done, T0 + 2 * DAY, DAY).after.cycleStartedAt).toBe(T0 + 2 * DAY);
    expect(driftSlice(list, done, T0 + 2 * DAY - 1, DAY).after.cycleStartedAt).toBe(T0 + DAY);
  });

  it('a finished cycle at exactly its end starts the next one, with nothing due yet', () => {
    const list = groups(3, 0);
    expect(driftSlice(list, at(T0, id(2)), T0 + DAY, DAY)).toEqual({
      groupIds: [],
      of: 3,
      readInCycle: 0,
      after: { cycleStartedAt: T0 + DAY, readThrough: null, nextDue: { offset: 1, total: 3 } },
    });
  });

  it('a cycle whose place is before every group (the groups read so far were removed) reads them all', () => {
    const slice = driftSlice(groups(2, 0, 5), at(T0, id(1)), T0 + DAY - 1, DAY);
    expect(slice).toMatchObject({ groupIds: [id(5)], readInCycle: 1 });
  });

  it('an unfinished cycle past its end keeps reading what is left before a new one starts', () => {
    const list = groups(3, 0);
    const slice = driftSlice(list, at(T0, id(0)), T0 + 3 * DAY, DAY);
    expect(slice).toMatchObject({ groupIds: [id(1), id(2)], after: { cycleStartedAt: T0 } });
  });

  it('reads nothing before a cycle that starts later, and starts a first cycle now without a cursor', () => {
    const list = groups(2, 0);
    expect(driftSlice(list, at(T0 + DAY, null), T0, DAY).groupIds).toEqual([]);
    const first = driftSlice(list, undefined, T0, DAY);
    expect(first).toMatchObject({ groupIds: [], of: 2, readInCycle: 0, after: { cycleStartedAt: T0 } });
    expect(first.after.nextDue).toEqual({ offset: 1, total: 2 });
  });

  it('with no managed group nothing is read, and the next look is a cycle later', () => {
    const slice = driftSlice([], at(T0, 'x'), T0 + 5 * DAY, DAY);
    expect(slice).toEqual({
      groupIds: [],
      of: 0,
      readInCycle: 0,
      after: { cycleStartedAt: T0 + 5 * DAY, readThrough: null, nextDue: { offset: 1, total: 1 } },
    });
    expect(driftDueAt(slice.after, DAY)).toBe(T0 + 6 * DAY);
  });
});

describe('when drift repair next falls due', () => {
  it('after a full run: a new cycle from it, looked at first when the smallest share ends', () => {
    const list = [
      { id: 'a', members: 5 },
      { id: 'b', members: 1 },
      { id: 'c', members: 9 },
    ];
    const done = cycleDoneBy(T0, list);
    expect(done).toEqual({ cycleStartedAt: T0, readThrough: null, nextDue: { offset: 2, total: 18 } });
    expect(driftDueAt(done, DAY)).toBe(T0 + DAY / 9);
    // The first group (a, a third of the day) is not due then; the run stores when it is.
    const early = driftSlice(list, done, T0 + DAY / 9, DAY);
    expect(early.groupIds).toEqual([]);
    expect(driftDueAt(early.after, DAY)).toBe(T0 + DAY / 3);
    expect(cycleDoneBy(T0, [])).toEqual({ cycleStartedAt: T0, readThrough: null, nextDue: { offset: 1, total: 1 } });
  });

  it('a run before the due time finds no group due, a run at it finds one', () => {
    const list = groups(3, 2);
    let cursor = driftSlice(list, cycleDoneBy(T0, list), T0, DAY).after;
    for (let i = 0; i < 6; i++) {
      const due = driftDueAt(cursor, DAY);
      expect(driftSlice(list, cursor, due - 1, DAY).groupIds).toEqual([]);
      const slice = driftSlice(list, cursor, due, DAY);
      expect(slice.groupIds).toHaveLength(1);
      cursor = slice.after;
    }
  });

  it('is at once without a stored cursor, and rounds up to the next millisecond', () => {
    expect(driftDueAt(undefined, DAY)).toBe(Number.NEGATIVE_INFINITY);
    expect(driftDueAt({ cycleStartedAt: T0, readThrough: null, nextDue: { offset: 1, total: 3 } }, 1000)).toBe(
      T0 + 334,
    );
  });
});
