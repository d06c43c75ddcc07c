import { startForgeApp } from '../../../dev/forge-runtime/forge-app';
import type { ForgeApp } from '../../../dev/forge-runtime/forge-app';
import { startHostServer } from '../../../dev/host/host-server';
import { InMemoryKeyValueStore } from '../../../dev/host/in-memory-kv-store';
import { InProcessQueue } from '../../../dev/host/in-process-queue';
import { VirtualClock } from '../../../dev/host/virtual-clock';
import { writeFixtureApp } from './fixture-app';

/** The local runtime enforces Forge's limits and the manifest, whatever the app does. */
function fixtureRuntime(): { app: ForgeApp; clock: VirtualClock } {
  const clock = new VirtualClock();
  const { bundle, manifest } = writeFixtureApp();
  const app = startForgeApp({
    kv: new InMemoryKeyValueStore(clock),
    queue: new InProcessQueue(() => clock.now()),
    time: { now: () => clock.now(), advance: (ms) => clock.advance(ms) },
    jira: { baseUrl: 'http://127.0.0.1:1' },
    bundle,
    manifest,
    webTriggerBaseUrl: () => 'http://host.test',
  });
  return { app, clock };
}

describe('the local Forge runtime', () => {
  it('gives the bundle the runtime clock: Date and timers are virtual', async () => {
    const { app, clock } = fixtureRuntime();
    clock.advance(86_400_000);
    const answer = (await app.resolve('now', {}, { accountId: 'a' })) as unknown as { now: number };
    expect(Math.abs(answer.now - clock.now())).toBeLessThan(1_000);
  });

  it('stops a resolver at 25 s and a consumer at its timeoutSeconds', async () => {
    const { app } = fixtureRuntime();
    await expect(app.resolve('sleep', { seconds: 20 }, { accountId: 'a' })).resolves.toBeDefined();
    await expect(app.resolve('sleep', { seconds: 26 }, { accountId: 'a' })).rejects.toThrow('timed out after 25 s');
    await expect(app.onSyncEvent({ runId: 'r', seconds: 59 })).resolves.toEqual({ handled: 'processed' });
    await expect(app.onSyncEvent({ runId: 'r', seconds: 61 })).rejects.toThrow('timed out after 60 s');
  });

  it('refuses egress to a host the manifest does not list, with Forge’s error', async () => {
    const { app } = fixtureRuntime();
    await expect(
      app.resolve('egress', { url: 'https://evil.example.com/steal' }, { accountId: 'a' }),
    ).rejects.toMatchObject({ name: 'REQUEST_EGRESS_ALLOWLIST_ERR' });
  });

  it('refuses a product call whose scope is not declared, impersonation without allowImpersonation, and asUser() without a user', async () => {
    const { app } = fixtureRuntime();
    const jira = (payload: Record<string, unknown>) =>
      app.resolve('jira', payload, { accountId: 'caller' }) as unknown as Promise<{
        status: number;
        proxyError: string | null;
      }>;
    expect(await jira({ provider: 'app', method: 'GET', path: '/rest/api/3/user/email/bulk?accountId=x' })).toEqual({
      status: 401,
      proxyError: null,
    });
    expect(
      await jira({
        provider: 'user',
        accountId: 'someone',
        method: 'DELETE',
        path: '/rest/api/3/group/user?groupId=g&accountId=x',
      }),
    ).toEqual({ status: 403, proxyError: 'IMPERSONATION_NOT_ALLOWED' });
    const anonymous = (await app.resolve(
      'jira',
      { provider: 'user', method: 'GET', path: '/rest/api/3/myself' },
      {},
    )) as unknown as { proxyError: string };
    expect(anonymous.proxyError).toBe('NEEDS_AUTHENTICATION_ERR');
    await expect(jira({ provider: 'app', method: 'GET', path: '/rest/api/3/issue/X-1' })).rejects.toThrow(
      'cannot tell the scopes',
    );
  });

  it('hands out web trigger URLs for declared modules and invokes them over the host’s HTTP server', async () => {
    const { app } = fixtureRuntime();
    expect(await app.resolve('url', { key: 'hook' }, { accountId: 'a' })).toEqual({
      data: { createWebTriggerUrl: { url: 'http://host.test/x1/hook' } },
    });
    expect(await app.resolve('url', { key: 'other' }, { accountId: 'a' })).toMatchObject({ data: null });
    const server = await startHostServer(app, { distDir: __dirname, defaultAccountId: 'a' });
    try {
      const response = await fetch(`${server.url}/x1/hook?a=1`, { method: 'POST', body: 'ping' });
      expect(response.status).toBe(202);
      expect(response.headers.get('x-method')).toBe('POST');
      expect(await response.text()).toBe('got ping {"a":["1"]}');
    } finally {
      await server.close();
    }
  });
});

describe('the local host’s HTTP server', () => {
  it('answers every request, however malformed, and keeps serving', async () => {
    const { app } = fixtureRuntime();
    const server = await startHostServer(app, { distDir: __dirname, defaultAccountId: 'a' });
    try {
      const invoke = (body: string) => fetch(`${server.url}/__forge/invoke`, { method: 'POST', body });
      expect((await invoke(JSON.stringify({ functionKey: 5, payload: {} }))).status).toBe(400);
      expect((await invoke(JSON.stringify({ functionKey: { toString: 1 } }))).status).toBe(400);
      expect((await invoke('null')).status).toBe(400);
      expect((await invoke('{')).status).toBe(400);
      expect((await fetch(`${server.url}/%E0%A4%A`)).status).toBe(400);
      expect((await fetch(`${server.url}/x1/%E0%A4%A`, { method: 'POST' })).status).toBe(400);
      expect((await fetch(`${server.url}/x1/unknown`, { method: 'POST' })).status).toBe(404);
      expect((await invoke(JSON.stringify({ functionKey: 'now', payload: {} }))).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
