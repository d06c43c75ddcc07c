import { groupsDeltaPage, usersDeltaPage } from '../../src/adapters/graph/delta-mapping';
import { GRAPH_CLOUDS } from '../../src/adapters/graph/graph-clouds';
import { MAX_DELTA_FILTER_IDS, deltaIdFilter } from '../../src/adapters/graph/graph-delta';
import { graphResponseError } from '../../src/adapters/graph/graph-error-mapping';
import { userSearchFilter } from '../../src/adapters/graph/user-search';

const cloud = GRAPH_CLOUDS.global;
const usersPurpose = { what: 'user changes', permission: 'User.Read.All' as const, delta: true };
const groupsPurpose = { what: 'group changes', permission: 'GroupMember.Read.All' as const, delta: true };

describe('delta page mapping', () => {
  it('sends @removed users of either reason to removedIds', () => {
    const page = usersDeltaPage(
      {
        value: [
          { id: 'u1', userPrincipalName: 'a@x', mail: null, displayName: 'A', accountEnabled: true, userType: 'Guest' },
          { id: 'u2', '@removed': { reason: 'changed' } },
          { id: 'u3', '@removed': { reason: 'deleted' } },
        ],
        '@odata.deltaLink': 'https://graph.microsoft.com/v1.0/users/delta?$deltatoken=x',
      },
      usersPurpose,
      cloud,
    );
    expect(page).toEqual({
      users: [
        { id: 'u1', userPrincipalName: 'a@x', mail: null, displayName: 'A', accountEnabled: true, userType: 'Guest' },
      ],
      removedIds: ['u2', 'u3'],
      next: null,
      deltaLink: 'https://graph.microsoft.com/v1.0/users/delta?$deltatoken=x',
    });
  });

  it('refuses a page with neither nextLink nor deltaLink', () => {
    expect(() => usersDeltaPage({ value: [] }, usersPurpose, cloud)).toThrow(
      expect.objectContaining({ code: 'graph-bad-response' }),
    );
  });

  it('parses members@delta with member types and removals', () => {
    const page = groupsDeltaPage(
      {
        value: [
          {
            id: 'g1',
            displayName: 'G',
            'members@delta': [
              { '@odata.type': '#microsoft.graph.user', id: 'u1' },
              { '@odata.type': '#microsoft.graph.group', id: 'g2' },
              { '@odata.type': '#microsoft.graph.servicePrincipal', id: 'sp' },
              { '@odata.type': '#microsoft.graph.user', id: 'u9', '@removed': { reason: 'deleted' } },
            ],
          },
          { id: 'g3', '@removed': { reason: 'changed' } },
        ],
        '@odata.nextLink': 'https://graph.microsoft.com/v1.0/groups/delta?$skiptoken=y',
      },
      groupsPurpose,
    );
    expect(page.groups).toEqual([
      {
        id: 'g1',
        displayName: 'G',
        removed: false,
        membersAdded: [
          { id: 'u1', type: 'user' },
          { id: 'g2', type: 'group' },
          { id: 'sp', type: 'other' },
        ],
        membersRemoved: [{ id: 'u9', type: 'user' }],
      },
      { id: 'g3', displayName: null, removed: true, membersAdded: [], membersRemoved: [] },
    ]);
    expect(page.next).toContain('$skiptoken=y');
    expect(page.deltaLink).toBeNull();
  });
});

describe('delta error mapping', () => {
  const body = (code: string, inner?: string) =>
    JSON.stringify({ error: { code, message: 'm', innerError: inner ? { code: inner } : {} } });

  it.each([
    [400, body('syncStateNotFound')],
    [400, body('resyncRequired')],
    [400, body('BadRequest', 'resyncRequired')],
    [410, ''],
  ])('maps HTTP %s %s on a delta read to delta-expired', (status, text) => {
    const error = graphResponseError(status, text, usersPurpose, cloud);
    expect(error).toMatchObject({ code: 'delta-expired', retryable: false });
    expect(error.message).toContain('a full read will be done');
  });

  it('leaves the same answers on non-delta reads alone', () => {
    expect(
      graphResponseError(400, body('syncStateNotFound'), { what: 'users', permission: 'User.Read.All' }, cloud).code,
    ).toBe('graph-bad-request');
    expect(graphResponseError(400, body('Request_BadRequest'), usersPurpose, cloud).code).toBe('graph-bad-request');
  });
});

describe('query building', () => {
  it('builds the delta id filter with quotes doubled, deduplicated, at most 50 ids', () => {
    expect(deltaIdFilter(['a', "o'b", 'A'])).toBe("id eq 'a' or id eq 'o''b'");
    expect(() => deltaIdFilter([])).toThrow(expect.objectContaining({ code: 'delta-filter-invalid' }));
    expect(() => deltaIdFilter(Array.from({ length: MAX_DELTA_FILTER_IDS + 1 }, (_, i) => `g${i}`))).toThrow(Error);
  });

  it('builds the user search filter from default-supported startswith clauses', () => {
    expect(userSearchFilter("o'b")).toBe(
      "startswith(mail,'o''b') or startswith(userPrincipalName,'o''b') or startswith(displayName,'o''b')",
    );
  });
});
