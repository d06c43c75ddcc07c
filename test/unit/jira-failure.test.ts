import { jiraErrorText, jiraFailure } from '../../src/adapters/jira/jira-failure';

const body = JSON.stringify({
  errorMessages: ['user does not have the relevant permissions'],
  errors: { name: 'bad' },
});
const read = { channel: 'read' as const, method: 'GET', path: '/rest/api/3/group/member?groupId=g' };
const writeAsAdmin = {
  channel: 'write' as const,
  method: 'POST',
  path: '/rest/api/3/group/user?groupId=g',
  writeIdentity: { mode: 'runAsAdmin' as const, accountId: 'acc-9' },
};
const writeAsToken = {
  channel: 'write' as const,
  method: 'POST',
  path: '/rest/api/3/group',
  writeIdentity: { mode: 'apiToken' as const, email: 'svc@example.com' },
};

describe('Jira failure translation', () => {
  it('reads Jira error collections into one line', () => {
    expect(jiraErrorText(body)).toBe('user does not have the relevant permissions; name: bad');
    expect(jiraErrorText('<html>oops</html>')).toBe('');
  });

  it('a 403 on a write is runas-not-site-admin naming the account and the fix', () => {
    const error = jiraFailure(403, body, writeAsAdmin);
    expect(error.code).toBe('runas-not-site-admin');
    expect(error.message).toMatch(/acc-9.*site admin.*admin\.atlassian\.com.*another account/s);
    expect(error.retryable).toBe(false);
  });

  it('a 403 on a read is jira-permission-missing', () => {
    expect(jiraFailure(403, body, read).code).toBe('jira-permission-missing');
  });

  it('a 401 is token-invalid only on the token write channel', () => {
    expect(jiraFailure(401, '', writeAsToken).code).toBe('token-invalid');
    expect(jiraFailure(401, '', writeAsToken).message).toContain('svc@example.com');
    expect(jiraFailure(401, '', writeAsAdmin).code).toBe('jira-unauthorized');
    expect(jiraFailure(401, '', read).code).toBe('jira-unauthorized');
  });

  it('404 is jira-not-found and other refusals jira-request-failed, without the query string', () => {
    expect(jiraFailure(404, '', read).code).toBe('jira-not-found');
    const other = jiraFailure(400, body, read);
    expect(other.code).toBe('jira-request-failed');
    expect(other.message).not.toContain('groupId=g');
  });
});
