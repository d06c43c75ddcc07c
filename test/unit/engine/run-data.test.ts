import { InMemoryKeyValueStore } from '../../../dev/host/in-memory-kv-store';
import type { EntraUser } from '../../../src/core/model';
import type { PlannedOperation } from '../../../src/engine/stages/plan/planned-operation';
import type { DataKind, DataOwner } from '../../../src/engine/run/data-kind';
import { RUN_DATA } from '../../../src/engine/run/run-data';
import type { RunDataName } from '../../../src/engine/run/run-data';
import {
  RUN_DATA_TTL_SECONDS,
  SNAPSHOT_DATA_TTL_SECONDS,
  SOURCE_DATA_TTL_SECONDS,
} from '../../../src/engine/state/keys';

/** The run-data registry: each kind declared once, its stored keys unchanged, its item type enforced by the compiler. */

const clock = { now: () => 1_000, sleep: async () => undefined };

/** A store that remembers the TTL each key was written with. */
class RecordingStore extends InMemoryKeyValueStore {
  readonly ttls = new Map<string, number | undefined>();
  override async set<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<void> {
    this.ttls.set(key, options?.ttlSeconds);
    await super.set(key, value, options);
  }
}

function owner(): DataOwner & { deps: { kv: RecordingStore } } {
  return { deps: { kv: new RecordingStore(clock) }, run: { summary: { id: 'run-1' }, cursor: { chunks: {} } } };
}

const user = (id: string): EntraUser => ({ id, displayName: id }) as EntraUser;

describe('the run-data registry', () => {
  test('declares every stored name once', () => {
    const names = Object.values(RUN_DATA).map((kind) => kind.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(24);
  });

  test('keeps the stored keys of the first layout, so stored runs and snapshots stay readable', async () => {
    const o = owner();
    await RUN_DATA.entraMembers.append(o, [{ groupId: 'g', users: [] }]);
    await RUN_DATA.plan.replace(o, []);
    await RUN_DATA.part.set(o.deps.kv, 'run-1', 3, {} as never);
    expect(await o.deps.kv.listKeys('rundata:')).toEqual([
      'rundata:v1:run-1:entra-members:000000',
      'rundata:v1:run-1:part:000003',
    ]);
    // The names stored in a snapshot's overlay list are the same words.
    expect(o.run.cursor.chunks).toEqual({ 'entra-members': 1, plan: 0 });
  });

  test('keeps each kind as long as its life says', async () => {
    const o = owner();
    await RUN_DATA.userOutcomes.append(o, [{ entraId: 'a' } as never]);
    await RUN_DATA.deltaUsers.append(o, [user('a')]);
    await RUN_DATA.jiraUsers.append(o, [{ accountId: 'x' } as never]);
    expect(o.deps.kv.ttls.get('rundata:v1:run-1:user-outcomes:000000')).toBe(RUN_DATA_TTL_SECONDS);
    expect(o.deps.kv.ttls.get('rundata:v1:run-1:delta-users:000000')).toBe(SNAPSHOT_DATA_TTL_SECONDS);
    expect(o.deps.kv.ttls.get('rundata:v1:run-1:jira-users:000000')).toBe(SOURCE_DATA_TTL_SECONDS);
  });

  test('appends after what the run wrote, and reads it back in order, chunk by chunk or at once', async () => {
    const o = owner();
    await RUN_DATA.deltaUsers.append(o, [user('a')]);
    await RUN_DATA.deltaUsers.append(o, [user('b'), user('c')]);
    expect(RUN_DATA.deltaUsers.count(o.run)).toBe(2);
    expect((await RUN_DATA.deltaUsers.read(o)).map((u) => u.id)).toEqual(['a', 'b', 'c']);
    const chunks: string[][] = [];
    await RUN_DATA.deltaUsers.forEach(o, (items) => chunks.push(items.map((u) => u.id)));
    expect(chunks).toEqual([['a'], ['b', 'c']]);
    expect((await RUN_DATA.deltaUsers.readOf(o.deps.kv, 'run-1', 1)).map((u) => u.id)).toEqual(['a']);
  });

  test('an empty append writes nothing, an empty replace says the list was written', async () => {
    const o = owner();
    await RUN_DATA.affected.append(o, []);
    expect(RUN_DATA.affected.exists(o.run)).toBe(false);
    await RUN_DATA.affectedResolved.replace(o, []);
    expect(RUN_DATA.affectedResolved.exists(o.run)).toBe(true);
    expect(await RUN_DATA.affectedResolved.read(o)).toEqual([]);
  });

  test('a replace starts the list again from its first chunk', async () => {
    const o = owner();
    await RUN_DATA.deltaRemoved.append(o, ['a']);
    await RUN_DATA.deltaRemoved.append(o, ['b']);
    await RUN_DATA.deltaRemoved.replace(o, ['c']);
    expect(await RUN_DATA.deltaRemoved.read(o)).toEqual(['c']);
  });

  test('a missing chunk is an error, never an empty list', async () => {
    const o = owner();
    o.run.cursor.chunks['jira-emails'] = 1;
    await expect(RUN_DATA.jiraEmails.read(o)).rejects.toThrow('rundata:v1:run-1:jira-emails:0 is missing');
  });

  test('the compiler refuses an unknown kind, a wrong item type and a wrong name', async () => {
    const o = owner();
    // @ts-expect-error -- there is no such kind of run data
    expect(RUN_DATA.entraUser).toBeUndefined();
    // @ts-expect-error -- delta-removed holds user IDs, not users
    await RUN_DATA.deltaRemoved.append(o, [user('a')]);
    // @ts-expect-error -- entra-users holds users, not strings
    const ids: string[] = await RUN_DATA.entraUsers.read(o);
    // @ts-expect-error -- a kind is read as its own type only
    const asStrings: DataKind<string> = RUN_DATA.entraUsers;
    // @ts-expect-error -- a chunk count is named by a stored name that exists
    const unknownName: RunDataName = 'entra-userz';
    expect([ids, asStrings, unknownName]).toHaveLength(3);
  });
});

describe('the plan with apply’s results', () => {
  const add = (n: number, result: PlannedOperation['result'] = 'planned'): PlannedOperation => ({
    op: 'addMember',
    group: 'g',
    groupId: 'group-1',
    accountId: `account-${n}`,
    email: null,
    entraId: `entra-${n}`,
    result,
  });

  test('every reader sees each change’s result, saved beside its chunk, and the chunk is never rewritten', async () => {
    const o = owner();
    await RUN_DATA.plan.replace(o, [add(0), add(1), add(2), add(3, 'skipped')]);
    const chunk = (await RUN_DATA.plan.readChunk(o.deps.kv, 'run-1', 0))!;
    chunk[0]!.result = 'applied';
    Object.assign(chunk[1]!, { result: 'failed', error: { code: 'jira-refused', message: 'No.' } });
    const writes = o.deps.kv.writes;
    await RUN_DATA.plan.saveResults(o.deps.kv, 'run-1', 0, chunk);
    expect(o.deps.kv.writes - writes).toBe(1);
    expect(await o.deps.kv.listKeys('rundata:')).toEqual([
      'rundata:v1:run-1:plan-results:000000',
      'rundata:v1:run-1:plan:000000',
    ]);
    const expected = [
      add(0, 'applied'),
      { ...add(1, 'failed'), error: { code: 'jira-refused', message: 'No.' } },
      add(2),
      add(3, 'skipped'),
    ];
    expect(await RUN_DATA.plan.read(o)).toEqual(expected);
    expect(await RUN_DATA.plan.readOf(o.deps.kv, 'run-1', 1)).toEqual(expected);
    expect(await RUN_DATA.plan.readChunk(o.deps.kv, 'run-1', 0)).toEqual(expected);
    const visited: PlannedOperation[] = [];
    await RUN_DATA.plan.forEach(o, (ops) => visited.push(...ops));
    expect(visited).toEqual(expected);
  });

  test('each read is the reader’s own: results laid over one read never show in another', async () => {
    const o = owner();
    await RUN_DATA.plan.replace(o, [add(0), add(1)]);
    const first = (await RUN_DATA.plan.readChunk(o.deps.kv, 'run-1', 0))!;
    first[0]!.result = 'applied';
    await RUN_DATA.plan.saveResults(o.deps.kv, 'run-1', 0, first);
    first[1]!.result = 'failed';
    const second = (await RUN_DATA.plan.readChunk(o.deps.kv, 'run-1', 0))!;
    expect(second.map((op) => op.result)).toEqual(['applied', 'planned']);
    second[0]!.result = 'planned';
    expect(first.map((op) => op.result)).toEqual(['applied', 'failed']);
    expect((await RUN_DATA.plan.read(o)).map((op) => op.result)).toEqual(['applied', 'planned']);
  });

  test('a chunk whose results were saved inside it (runs applied before the results moved) reads as stored', async () => {
    const o = owner();
    await RUN_DATA.plan.replace(o, [add(0, 'applied'), add(1, 'failed')]);
    expect((await RUN_DATA.plan.read(o)).map((op) => op.result)).toEqual(['applied', 'failed']);
  });
});
