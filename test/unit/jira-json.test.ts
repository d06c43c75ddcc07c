import { toJiraUser, toPage } from '../../src/adapters/jira/jira-json';
import { chunked, jiraPath } from '../../src/adapters/jira/jira-path';

describe('Jira JSON mapping', () => {
  it('maps a user, with absent or empty emails as null', () => {
    expect(
      toJiraUser(
        { accountId: 'a', accountType: 'atlassian', displayName: 'A', active: true, emailAddress: 'a@x.com' },
        'here',
      ),
    ).toEqual({
      accountId: 'a',
      accountType: 'atlassian',
      displayName: 'A',
      active: true,
      emailAddress: 'a@x.com',
    });
    expect(toJiraUser({ accountId: 'a', active: true }, 'here').emailAddress).toBeNull();
    expect(toJiraUser({ accountId: 'a', emailAddress: '' }, 'here').emailAddress).toBeNull();
  });

  it('keeps unknown account types as unknown and missing active as inactive', () => {
    expect(toJiraUser({ accountId: 'a', accountType: 'robot' }, 'here')).toMatchObject({
      accountType: 'unknown',
      active: false,
    });
  });

  it('fails the call on a user without accountId instead of dropping it', () => {
    expect(() => toJiraUser({ displayName: 'x' }, 'GET /x')).toThrow(
      expect.objectContaining({ code: 'jira-invalid-response', retryable: true }),
    );
  });

  it('reads isLast, and ends on an empty page or a short page without isLast', () => {
    expect(toPage({ values: [1], isLast: false }, 'here', 50).isLast).toBe(false);
    expect(toPage({ values: [], isLast: false }, 'here', 50).isLast).toBe(true);
    expect(toPage({ values: [1] }, 'here', 50).isLast).toBe(true);
    expect(() => toPage({ isLast: true }, 'here', 50)).toThrow(
      expect.objectContaining({ code: 'jira-invalid-response' }),
    );
  });

  it('builds queries with repeated array parameters and chunks lists', () => {
    expect(jiraPath('/p', { groupName: ['a b', 'c'], startAt: 0, skip: undefined, flag: true })).toBe(
      '/p?groupName=a+b&groupName=c&startAt=0&flag=true',
    );
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
