import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { startGraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { MAX_DIRECTORY_SUBSCRIPTION_MINUTES } from '../../src/core/change-notifications';
import { rawToken, scenario, SECRET, user, wire } from './graph-fixtures';
import { rejectionOf } from '../helpers';

/** A notification endpoint whose answer to the validation request a test chooses; it records every POST. */
async function receiver(answer: (token: string) => { status: number; type: string; body: string }) {
  const received: Array<{ query: string; body: string }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      received.push({ query: url.search, body: Buffer.concat(chunks).toString('utf8') });
      const token = url.searchParams.get('validationToken');
      const reply = token === null ? { status: 202, type: 'text/plain', body: '' } : answer(token);
      res.writeHead(reply.status, { 'content-type': reply.type }).end(reply.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const echo = (token: string) => ({ status: 200, type: 'text/plain; charset=utf-8', body: token });
const hours = (n: number) => Date.now() + n * 3_600_000;

describe('Graph simulator: /subscriptions', () => {
  let sim: GraphSimulator;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const allRoles = { clientSecret: SECRET, roles: ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All'] };

  afterEach(async () => {
    await hook?.close();
    await sim.close();
  });

  it('creates after the validation handshake on both URLs, renews, delivers changes, and deletes', async () => {
    sim = await startGraphSimulator(scenario({ app: allRoles }));
    hook = await receiver(echo);
    const { subscriptions } = wire(sim).directory;
    const created = await subscriptions.create({
      resource: 'users',
      notificationUrl: hook.url,
      clientState: 'state-1',
      expiresAt: hours(24),
    });
    expect(hook.received.filter((r) => r.query.startsWith('?validationToken='))).toHaveLength(2);
    const until = hours(48);
    expect(await subscriptions.renew(created.id, until)).toEqual({ id: created.id, expiresAt: until });
    sim.updateUser(user(1).id, { displayName: 'Renamed' });
    await sim.subscriptions.delivery.flush();
    const delivered = JSON.parse(hook.received.at(-1)!.body) as { value: Array<Record<string, unknown>> };
    expect(delivered.value).toEqual([
      expect.objectContaining({
        subscriptionId: created.id,
        clientState: 'state-1',
        changeType: 'updated',
        resource: `Users/${user(1).id}`,
        tenantId: expect.any(String),
      }),
    ]);
    await subscriptions.remove(created.id);
    expect(sim.subscriptions.list()).toEqual([]);
    expect((await rejectionOf(subscriptions.renew(created.id, hours(1)))).code).toBe('graph-subscription-not-found');
    expect((await rejectionOf(subscriptions.remove(created.id))).code).toBe('graph-subscription-not-found');
  });

  it.each([
    ['answers 202 instead of 200', (t: string) => ({ status: 202, type: 'text/plain', body: t })],
    ['answers JSON', (t: string) => ({ status: 200, type: 'application/json', body: JSON.stringify(t) })],
    [
      'answers the token URL-encoded',
      (t: string) => ({ status: 200, type: 'text/plain', body: encodeURIComponent(t) }),
    ],
  ])('refuses the subscription when the endpoint %s', async (_name, answer) => {
    sim = await startGraphSimulator(scenario({ app: allRoles }));
    hook = await receiver(answer);
    const error = await rejectionOf(
      wire(sim).directory.subscriptions.create({
        resource: 'groups',
        notificationUrl: hook.url,
        clientState: 's',
        expiresAt: hours(1),
      }),
    );
    expect(error.code).toBe('graph-bad-request');
    expect(error.message).toContain('validation');
    expect(sim.subscriptions.list()).toEqual([]);
  });

  it('needs Group.Read.All for groups (GroupMember.Read.All is not enough) and names it', async () => {
    sim = await startGraphSimulator(
      scenario({ app: { clientSecret: SECRET, roles: ['User.Read.All', 'GroupMember.Read.All'] } }),
    );
    hook = await receiver(echo);
    const error = await rejectionOf(
      wire(sim).directory.subscriptions.create({
        resource: 'groups',
        notificationUrl: hook.url,
        clientState: 's',
        expiresAt: hours(1),
      }),
    );
    expect(error.code).toBe('graph-permission-missing');
    expect(error.message).toContain('Group.Read.All');
    expect(error.message).not.toContain(SECRET);
  });

  it.each([
    [
      'an expiry past the 41,760-minute maximum',
      { expirationDateTime: new Date(Date.now() + (MAX_DIRECTORY_SUBSCRIPTION_MINUTES + 5) * 60_000).toISOString() },
    ],
    ['an expiry in the past', { expirationDateTime: new Date(Date.now() - 60_000).toISOString() }],
    ['changeType created', { changeType: 'created,updated' }],
    ['a plain-HTTP URL off loopback', { notificationUrl: 'http://example.com/hook' }],
    ['a clientState over 128 characters', { clientState: 'x'.repeat(129) }],
    ['a resource the simulator does not model', { resource: 'me/messages' }],
  ])('refuses %s with 400', async (_name, patch) => {
    sim = await startGraphSimulator(scenario({ app: allRoles }));
    hook = await receiver(echo);
    const body = {
      changeType: 'updated,deleted',
      notificationUrl: hook.url,
      resource: 'users',
      expirationDateTime: new Date(hours(1)).toISOString(),
      clientState: 's',
      ...patch,
    };
    const response = await fetch(`${sim.url}/v1.0/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await rawToken(sim)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBeTruthy();
    expect(hook.received).toEqual([]);
  });

  it('refuses the 101st subscription of the app in the tenant with 403', async () => {
    sim = await startGraphSimulator(scenario({ app: allRoles }));
    hook = await receiver(echo);
    const { subscriptions } = wire(sim).directory;
    for (let i = 0; i < 100; i++)
      await subscriptions.create({
        resource: 'users',
        notificationUrl: hook.url,
        clientState: 's',
        expiresAt: hours(1),
      });
    const response = await fetch(`${sim.url}/v1.0/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await rawToken(sim)}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        changeType: 'updated',
        notificationUrl: hook.url,
        resource: 'users',
        expirationDateTime: new Date(hours(1)).toISOString(),
      }),
    });
    expect(response.status).toBe(403);
    expect(sim.subscriptions.list()).toHaveLength(100);
  }, 30_000);

  it('PATCH accepts only the expiry (and URL), within the maximum', async () => {
    sim = await startGraphSimulator(scenario({ app: allRoles }));
    hook = await receiver(echo);
    const { id } = await wire(sim).directory.subscriptions.create({
      resource: 'users',
      notificationUrl: hook.url,
      clientState: 's',
      expiresAt: hours(1),
    });
    const token = await rawToken(sim);
    const patch = (body: unknown) =>
      fetch(`${sim.url}/v1.0/subscriptions/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await patch({ clientState: 'other' })).status).toBe(400);
    expect(
      (
        await patch({
          expirationDateTime: new Date(Date.now() + (MAX_DIRECTORY_SUBSCRIPTION_MINUTES + 1) * 60_000).toISOString(),
        })
      ).status,
    ).toBe(400);
    expect((await patch({ expirationDateTime: new Date(hours(2)).toISOString() })).status).toBe(200);
  });
});
