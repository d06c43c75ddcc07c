import { createJiraDirectory } from '../../src/adapters/jira';
import { createConcurrencyLimit } from '../../src/adapters/jira/concurrency-limit';
import type { HttpFetch, HttpRequest } from '../../src/ports/http';
import { VirtualClock } from '../helpers';

/** Answers the simulator does not give but Jira might: the adapter's tolerance of them. */

type Reply = { status: number; body?: unknown };
const clock = new VirtualClock(0);

function scripted(reply: (path: string, init: HttpRequest) => Reply, seen: string[] = []): HttpFetch {
  return (path, init = {}) => {
    seen.push(`${init.method ?? 'GET'} ${path}`);
    const { status, body } = reply(path, init);
    return Promise.resolve({
      status,
      headers: { get: () => null },
      text: () => Promise.resolve(body === undefined ? '' : JSON.stringify(body)),
    });
  };
}

function directoryWith(read: HttpFetch, write: HttpFetch = read) {
  return createJiraDirectory({ read, write, writeIdentity: { mode: 'runAsAdmin', accountId: 'admin' }, clock });
}

const jiraErrors = (...errorMessages: string[]) => ({ errorMessages, errors: {} });

describe('Jira directory: tolerated answers', () => {
  it('treats a 404 on member removal as success (the membership is absent)', async () => {
    await expect(
      directoryWith(
        scripted(() => ({
          status: 404,
          body: jiraErrors('Specified user does not exist or you do not have required permissions'),
        })),
      ).removeMember('g', 'a'),
    ).resolves.toBeUndefined();
  });

  it('treats a 400 saying the user is already a member as success, other 400s as errors', async () => {
    await expect(
      directoryWith(
        scripted(() => ({ status: 400, body: jiraErrors('User is already a member of this group') })),
      ).addMember('g', 'a'),
    ).resolves.toBeUndefined();
    await expect(
      directoryWith(scripted(() => ({ status: 400, body: jiraErrors('accountId is missing') }))).addMember('g', 'a'),
    ).rejects.toMatchObject({ code: 'jira-request-failed' });
  });

  it('accepts the single-object shape the OpenAPI document gives email/bulk', async () => {
    const emails = await directoryWith(
      scripted(() => ({ status: 200, body: { accountId: 'a', email: 'a@x.com' } })),
    ).emailsOf(['a']);
    expect([...emails]).toEqual([['a', 'a@x.com']]);
  });

  it('asks nothing for no account IDs', async () => {
    const seen: string[] = [];
    expect((await directoryWith(scripted(() => ({ status: 500 }), seen)).emailsOf([])).size).toBe(0);
    expect(seen).toEqual([]);
  });

  it('looks a created group up by name when Jira returns no groupId', async () => {
    const seen: string[] = [];
    const fetch = scripted((path, init) => {
      if (init.method === 'POST') return { status: 201, body: { name: 'new', groupId: null } };
      if (path.includes('accessType')) return { status: 200, body: { isLast: true, values: [] } };
      return { status: 200, body: { isLast: true, values: [{ name: 'new', groupId: 'id-new' }] } };
    }, seen);
    expect(await directoryWith(fetch).createGroup('new')).toEqual({ name: 'new', groupId: 'id-new' });
    expect(seen.some((s) => s.startsWith('GET /rest/api/3/group/bulk?groupName=new'))).toBe(true);
  });

  it('a 400 on create with no group of that name is an error, not a guess', async () => {
    const fetch = scripted((_path, init) =>
      init.method === 'POST'
        ? { status: 400, body: jiraErrors('group name is not valid') }
        : { status: 200, body: { isLast: true, values: [] } },
    );
    await expect(directoryWith(fetch).createGroup('bad/name')).rejects.toMatchObject({
      code: 'jira-group-create-refused',
    });
  });

  it('a non-JSON success body is a retryable invalid response, not empty data', async () => {
    const fetch: HttpFetch = () =>
      Promise.resolve({
        status: 200,
        headers: { get: () => null },
        text: () => Promise.resolve('<html>maintenance</html>'),
      });
    await expect(directoryWith(fetch).usersPage(0)).rejects.toMatchObject({
      code: 'jira-invalid-response',
      retryable: true,
    });
  });

  it('keeps at most maxInFlight requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const read: HttpFetch = async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return { status: 200, headers: { get: () => null }, text: () => Promise.resolve('[]') };
    };
    const ids = Array.from({ length: 700 }, (_, i) => `a-${i}`);
    await createJiraDirectory({
      read,
      write: read,
      writeIdentity: { mode: 'runAsAdmin', accountId: 'admin' },
      clock,
      maxInFlight: 2,
    }).emailsOf(ids);
    expect(peak).toBe(2);
  });

  it('refuses a concurrency limit below one', () => {
    expect(() => createConcurrencyLimit(0)).toThrow(RangeError);
  });
});
