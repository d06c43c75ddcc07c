import { loopbackFetch } from '../../dev/host/loopback-fetch';
import type { SimRequest, SimServer } from '../../dev/sim/sim-server';
import { startSimServer } from '../../dev/sim/sim-server';

/** The benchmark's network to the simulators: answers as fetch does, over kept-alive connections. */
describe('loopback fetch and the simulators’ HTTP server', () => {
  let server: SimServer;
  const seen: SimRequest[] = [];

  beforeAll(async () => {
    server = await startSimServer((request) => {
      seen.push(request);
      if (request.path === '/empty') return { status: 204 };
      if (request.path === '/missing') return { status: 404, body: { errorMessages: ['no such thing'] } };
      return {
        status: 200,
        headers: { 'retry-after': '7', 'x-multi': 'a' },
        body: { method: request.method, body: request.body },
      };
    });
  });
  afterAll(() => server.close());

  it('answers status, headers and body as fetch does, and sends the method, headers and body', async () => {
    const network = loopbackFetch();
    const answer = await network(`${server.url}/thing?x=1`, {
      method: 'post',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(await answer.json()).toEqual({ method: 'POST', body: { a: 1 } });
    expect(seen.at(-1)?.headers.authorization).toBe('Bearer t');
    expect(seen.at(-1)?.query.get('x')).toBe('1');
    const empty = await network(`${server.url}/empty`, { method: 'DELETE' });
    expect([empty.status, await empty.text()]).toEqual([204, '']);
    const missing = await network(`${server.url}/missing`);
    expect([missing.ok, await missing.json()]).toEqual([false, { errorMessages: ['no such thing'] }]);
  });

  it('rejects as fetch does when the request is aborted or nothing listens', async () => {
    const network = loopbackFetch();
    const aborted = new AbortController();
    aborted.abort(new Error('stop'));
    await expect(network(`${server.url}/thing`, { signal: aborted.signal })).rejects.toThrow('stop');
    await expect(network('http://127.0.0.1:1/none')).rejects.toThrow(TypeError);
  });

  it.each([
    ['loopback fetch', loopbackFetch()],
    ['Node’s fetch', (input: string) => fetch(input)],
  ])('%s reuses its connection for requests one after another (at most two for five)', async (_, network) => {
    const before = server.connectionCount();
    for (let i = 0; i < 5; i++) await (await network(`${server.url}/thing`)).text();
    // Node's fetch (undici) drops every connection whose server hints a keep-alive of 1 s or less.
    expect(server.connectionCount() - before).toBeLessThanOrEqual(2);
  });
});
