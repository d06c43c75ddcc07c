import { createJiraDirectory } from '../../src/adapters/jira';
import type { HttpFetch } from '../../src/ports/http';
import { VirtualClock } from '../helpers';

/** createUser and searchGroups against answers the simulator does not give (licence limits, odd bodies). */

const clock = new VirtualClock(0);

function answering(status: number, body: unknown): HttpFetch {
  return () =>
    Promise.resolve({ status, headers: { get: () => null }, text: () => Promise.resolve(JSON.stringify(body)) });
}

function tokenDirectory(write: HttpFetch, read: HttpFetch = write) {
  return createJiraDirectory({ read, write, writeIdentity: { mode: 'apiToken', email: 'svc@example.com' }, clock });
}

describe('Jira account creation and group search: tolerated answers', () => {
  it('a licence-limit 400 is user-create-refused carrying what Jira said', async () => {
    const error = tokenDirectory(
      answering(400, { errorMessages: ['The number of licensed users has been exceeded.'], errors: {} }),
    ).createUser('a@example.com', ['jira-software']);
    await expect(error).rejects.toMatchObject({
      code: 'user-create-refused',
      retryable: false,
      message: expect.stringContaining('Jira said: The number of licensed users has been exceeded.'),
    });
  });

  it('a 400 without an error body is still user-create-refused', async () => {
    await expect(tokenDirectory(answering(400, '')).createUser('a@example.com', [])).rejects.toMatchObject({
      code: 'user-create-refused',
    });
  });

  it('a 403 as an impersonated admin points at the API-token identity and an organization admin', async () => {
    const write = answering(403, { errorMessages: ['This API does not support Forge apps.'], errors: {} });
    const directory = createJiraDirectory({
      read: write,
      write,
      writeIdentity: { mode: 'runAsAdmin', accountId: 'acc-1' },
      clock,
    });
    const error = directory.createUser('a@example.com', []);
    await expect(error).rejects.toMatchObject({
      code: 'user-create-forbidden',
      message: expect.stringMatching(/acc-1.*Forge apps.*API token.*organization admin/s),
    });
  });

  it('a 201 without an accountId fails as an invalid response, retryable', async () => {
    await expect(
      tokenDirectory(answering(201, { active: true })).createUser('a@example.com', []),
    ).rejects.toMatchObject({ code: 'jira-invalid-response', retryable: true });
  });

  it('a picker answer without groups, or with a group lacking its groupId, fails the search', async () => {
    const emptyPage = answering(200, { isLast: true, values: [] });
    const read =
      (body: unknown): HttpFetch =>
      (path, init) =>
        (path.startsWith('/rest/api/3/groups/picker') ? answering(200, body) : emptyPage)(path, init);
    await expect(tokenDirectory(emptyPage, read({ header: '', total: 0 })).searchGroups('x', 5)).rejects.toMatchObject({
      code: 'jira-invalid-response',
    });
    await expect(
      tokenDirectory(emptyPage, read({ total: 1, groups: [{ name: 'x' }] })).searchGroups('x', 5),
    ).rejects.toMatchObject({ code: 'jira-invalid-response' });
  });

  it('keeps at most the limit even if Jira answers more', async () => {
    const groups = Array.from({ length: 6 }, (_, i) => ({ name: `g${i}`, groupId: `id-${i}` }));
    // Every site has a site-admin group; without one the app refuses to tell protected groups apart.
    const siteAdmins = { isLast: true, values: [{ name: 'site-admins', groupId: 'sa' }] };
    const read: HttpFetch = (path, init) =>
      (path.startsWith('/rest/api/3/groups/picker')
        ? answering(200, { total: 6, groups })
        : answering(200, path.includes('accessType=site-admin') ? siteAdmins : { isLast: true, values: [] }))(
        path,
        init,
      );
    expect((await tokenDirectory(read).searchGroups('g', 3)).map((g) => g.name)).toEqual(['g0', 'g1', 'g2']);
  });
});
