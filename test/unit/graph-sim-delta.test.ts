import type { Scenario } from '../../dev/scenario/scenario';
import { ChangeLog } from '../../dev/sim/graph/change-log';
import { parseDeltaIdFilter } from '../../dev/sim/graph/delta-filter';
import { DirectoryIndex } from '../../dev/sim/graph/directory-index';
import { GROUPS_PER_DELTA_PAGE, MEMBERS_PER_DELTA_PAGE, groupPages } from '../../dev/sim/graph/groups-delta-route';
import { createTenantMutations } from '../../dev/sim/graph/tenant-mutations';
import { matchesUserFilter, parseUserFilter } from '../../dev/sim/graph/user-filter';

function tenant(): Scenario {
  return {
    entra: {
      users: [
        {
          id: 'U1',
          userPrincipalName: 'u1@x',
          mail: 'u1@x',
          displayName: 'One',
          accountEnabled: true,
          userType: 'Member',
        },
        {
          id: 'U2',
          userPrincipalName: 'u2@x',
          mail: null,
          displayName: 'Two',
          accountEnabled: true,
          userType: 'Member',
        },
      ],
      groups: [{ id: 'G1', displayName: 'G', members: ['U1'] }],
    },
    jira: { users: [], groups: [], siteAdmins: [] },
    settings: {} as Scenario['settings'],
  };
}

describe('simulator change log', () => {
  it('reports net membership changes since a position', () => {
    const log = new ChangeLog();
    const seed = tenant();
    const mutations = createTenantMutations(new DirectoryIndex(seed), log);
    const start = log.current();
    mutations.addMember('G1', 'u2');
    mutations.removeMember('G1', 'U1');
    mutations.addMember('G1', 'U1');
    expect(log.membershipSince('G1', start)).toEqual({ added: [{ id: 'U2', type: 'user' }], removed: [] });
    const middle = log.current();
    mutations.deleteUser('U2');
    expect(log.membershipSince('g1', middle)).toEqual({ added: [], removed: [{ id: 'U2', type: 'user' }] });
    // Deleting a user is a soft delete: "changed", restorable; a permanent delete is "deleted".
    expect(log.users.deletedSince(start)).toEqual([{ id: 'U2', reason: 'changed' }]);
    const beforeRestore = log.current();
    mutations.restoreUser('U2');
    expect(log.membershipSince('g1', beforeRestore)).toEqual({ added: [{ id: 'U2', type: 'user' }], removed: [] });
    expect(log.users.createdSince('U2', beforeRestore)).toBe(true);
    mutations.deleteUser('U2', { permanently: true });
    expect(log.users.deletedSince(beforeRestore)).toEqual([{ id: 'U2', reason: 'deleted' }]);
    expect(() => mutations.restoreUser('U2')).toThrow(/no soft-deleted user/);
    // The caller's scenario is never edited.
    expect(seed.entra.groups[0]!.members).toEqual(['U1']);
  });

  it('tracks only the properties that changed', () => {
    const log = new ChangeLog();
    const mutations = createTenantMutations(new DirectoryIndex(tenant()), log);
    mutations.updateUser('U1', { displayName: 'One', otherMails: ['a@b'] });
    expect(log.users.changedSince('U1', 0, ['displayName', 'mail'])).toBe(false);
    expect(log.users.changedSince('U1', 0, ['otherMails'])).toBe(true);
  });

  it('throws on mistakes in the mutation calls', () => {
    const mutations = createTenantMutations(new DirectoryIndex(tenant()), new ChangeLog());
    expect(() => mutations.addMember('G1', 'nobody')).toThrow('no user or group nobody');
    expect(() => mutations.addMember('G1', 'G1')).toThrow('own member');
    expect(() => mutations.addUser(tenant().entra.users[0]!)).toThrow('already exists');
    expect(() => mutations.updateUser('nobody', {})).toThrow('no user nobody');
  });
});

describe('group delta paging', () => {
  const entry = (id: string, members: number) => ({
    object: { id },
    members: Array.from({ length: members }, (_, i) => ({ id: `${id}-m${i}` })),
  });

  it('splits a big member list across pages under the same id', () => {
    const pages = groupPages([entry('a', 10), entry('big', MEMBERS_PER_DELTA_PAGE + 20), entry('c', 0)], true);
    expect(
      pages.map((p) => p.map((g) => [g.id, ((g['members@delta'] as unknown[] | undefined) ?? []).length])),
    ).toEqual([
      [
        ['a', 10],
        ['big', MEMBERS_PER_DELTA_PAGE - 10],
      ],
      [
        ['big', 30],
        ['c', 0],
      ],
    ]);
  });

  it('puts at most GROUPS_PER_DELTA_PAGE groups on a page and always returns a page', () => {
    const pages = groupPages(
      Array.from({ length: GROUPS_PER_DELTA_PAGE + 1 }, (_, i) => entry(`g${i}`, 0)),
      true,
    );
    expect(pages.map((p) => p.length)).toEqual([GROUPS_PER_DELTA_PAGE, 1]);
    expect(groupPages([], true)).toEqual([[]]);
  });
});

describe('simulator filters', () => {
  it('parses startswith clauses joined by or on the three searchable properties', () => {
    const parsed = parseUserFilter("startswith(mail,'a''b') or STARTSWITH(displayName, 'x')");
    expect(parsed).toEqual({
      ok: true,
      filter: {
        join: 'or',
        clauses: [
          { kind: 'startswith', property: 'mail', value: "a'b" },
          { kind: 'startswith', property: 'displayName', value: 'x' },
        ],
      },
    });
    expect(parseUserFilter("startswith(surname,'a')")).toMatchObject({ ok: false, code: 'Request_UnsupportedQuery' });
    expect(parseUserFilter("startswith(mail,'a') and startswith(mail,'b') or mail eq 'c'")).toMatchObject({
      ok: false,
      code: 'Request_UnsupportedQuery',
    });
    const prefix = (value: string) => ({
      join: 'or' as const,
      clauses: [{ kind: 'startswith' as const, property: 'mail' as const, value }],
    });
    expect(matchesUserFilter(prefix('AB'), { mail: 'abc@x' })).toBe(true);
    expect(matchesUserFilter(prefix('a'), { mail: null })).toBe(false);
  });

  it('serves the filters Graph supports by default on users and refuses the advanced ones', () => {
    // Before, each of these was refused as if it needed advanced query parameters.
    const guestsDisabled = parseUserFilter("accountEnabled eq false and userType eq 'Guest'");
    expect(guestsDisabled).toMatchObject({ ok: true });
    if (!guestsDisabled.ok) throw new Error('unreachable');
    expect(matchesUserFilter(guestsDisabled.filter, { accountEnabled: false, userType: 'Guest' })).toBe(true);
    expect(matchesUserFilter(guestsDisabled.filter, { accountEnabled: true, userType: 'Guest' })).toBe(false);
    const byMail = parseUserFilter("mail eq 'A@Contoso.com'");
    expect(byMail.ok && matchesUserFilter(byMail.filter, { mail: 'a@contoso.com' })).toBe(true);
    expect(parseUserFilter('accountEnabled ne false')).toMatchObject({ ok: false, code: 'Request_UnsupportedQuery' });
    expect(parseUserFilter("endswith(mail,'@contoso.com')")).toMatchObject({
      ok: false,
      code: 'Request_UnsupportedQuery',
    });
    expect(parseUserFilter("accountEnabled eq 'false'")).toMatchObject({ ok: false, code: 'BadRequest' });
  });

  it('parses the delta id filter up to 50 ids', () => {
    expect(parseDeltaIdFilter("id eq 'a' or ID EQ 'b'")).toEqual({ ok: true, ids: ['a', 'b'] });
    expect(parseDeltaIdFilter(Array.from({ length: 51 }, (_, i) => `id eq '${i}'`).join(' or '))).toMatchObject({
      ok: false,
      code: 'Request_UnsupportedQuery',
    });
    expect(parseDeltaIdFilter("id in ('a')")).toMatchObject({ ok: false });
  });
});
