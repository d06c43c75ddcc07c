import { randomUUID } from 'node:crypto';
import {
  MAX_NOTIFICATION_BODY_BYTES,
  MAX_NOTIFICATION_REQUESTS_PER_MINUTE,
} from '../../src/handlers/change-notifications';
import type { NearRealTimeRig } from '../helpers';
import { nearRealTimeScenario, startNearRealTimeRig } from '../helpers';

const TENANT = nearRealTimeScenario().settings.tenantId as string;
const CLIENT_SECRET = nearRealTimeScenario().settings.clientSecret as string;

interface Answer {
  status: number;
  text: string;
  headers: string;
}

async function post(h: NearRealTimeRig, body: string, query = '', method = 'POST'): Promise<Answer> {
  const response = await fetch(`${h.webTrigger.url}${query}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(method === 'GET' ? {} : { body }),
  });
  const headers: string[] = [];
  response.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
  return { status: response.status, text: await response.text(), headers: headers.join('\n') };
}

const notification = (subscriptionId: string, clientState: string | null, fields: Record<string, unknown> = {}) => ({
  subscriptionId,
  clientState,
  changeType: 'updated',
  resource: `Users/${randomUUID()}`,
  tenantId: TENANT,
  ...fields,
});
const collection = (...items: unknown[]) => JSON.stringify({ value: items });

describe('the change-notification web trigger refuses what Graph did not send', () => {
  let h: NearRealTimeRig;
  let answers: Answer[];
  let users: { id: string; clientState: string };
  const send = async (body: string, query = '', method = 'POST') => {
    const answer = await post(h, body, query, method);
    answers.push(answer);
    return answer;
  };
  const notifiedRuns = async () => (await h.runs()).filter((r) => r.trigger === 'change-notification');

  beforeEach(async () => {
    h = await startNearRealTimeRig();
    answers = [];
    const live = h.graph.subscriptions.list().find((s) => s.resource === 'users')!;
    users = { id: live.id, clientState: live.clientState! };
  });

  afterEach(async () => {
    // No secret in any answer or log line: the clientStates, the client secret.
    const secrets = [...h.graph.subscriptions.list().map((s) => s.clientState!), users.clientState, CLIENT_SECRET];
    const seen = [...answers.flatMap((a) => [a.text, a.headers]), ...h.logs].join('\n');
    for (const secret of secrets) expect(seen).not.toContain(secret);
    await h.close();
  });

  async function expectNothingChanged(maxNoChangeRuns = 0): Promise<void> {
    const writes = h.jira.writeCount();
    await h.settle();
    const runs = await notifiedRuns();
    expect(runs.length).toBeLessThanOrEqual(maxNoChangeRuns);
    for (const run of runs) expect(run.counts).toMatchObject({ creates: 0, adds: 0, removals: 0 });
    expect(h.jira.writeCount()).toBe(writes);
  }

  it.each([
    ['a wrong clientState', () => notification(users.id, 'not-the-secret')],
    ['a missing clientState', () => notification(users.id, null)],
    [
      'the clientState of the other subscription',
      () => notification(users.id, h.graph.subscriptions.list().find((s) => s.resource === 'groups')!.clientState),
    ],
    ['an unknown subscription', () => notification(randomUUID(), users.clientState)],
    ['another tenant', () => notification(users.id, users.clientState, { tenantId: randomUUID() })],
    [
      'a forged lifecycle event',
      () => notification(users.id, 'guess', { lifecycleEvent: 'subscriptionRemoved', changeType: undefined }),
    ],
  ])('%s: answered 202 like any delivery, and nothing runs', async (_name, forge) => {
    const answer = await send(collection(forge()));
    expect(answer.status).toBe(202);
    expect(answer.text).toBe('');
    await expectNothingChanged();
    expect(h.logs.some((line) => line.includes('refused'))).toBe(true);
    expect(h.graph.subscriptions.list()).toHaveLength(2);
  });

  it.each([
    ['not JSON', '{"value": ['],
    ['no value array', '{}'],
    ['an empty collection', '{"value": []}'],
    ['an array', '[]'],
    ['a notification without a subscription id', collection({ changeType: 'updated' })],
    ['an unknown change type', () => collection(notification(users.id, users.clientState, { changeType: 'created' }))],
    [
      'an unknown lifecycle event',
      () => collection(notification(users.id, users.clientState, { lifecycleEvent: 'exploded' })),
    ],
  ])('a malformed body (%s) gets 400 without echoing it, and nothing runs', async (_name, body) => {
    const text = typeof body === 'function' ? body() : body;
    const answer = await send(text);
    expect(answer.status).toBe(400);
    expect(answer.text).not.toContain('value');
    await expectNothingChanged();
  });

  it('an oversize body gets 413 before it is read', async () => {
    const padding = 'x'.repeat(MAX_NOTIFICATION_BODY_BYTES);
    const answer = await send(collection(notification(users.id, users.clientState, { padding })));
    expect(answer.status).toBe(413);
    await expectNothingChanged();
  });

  it('other methods get 405, and a validation token is echoed only while a subscription is being created', async () => {
    expect((await send('', '', 'GET')).status).toBe(405);
    const token = '<script>alert(1)</script>';
    const answer = await send('', `?validationToken=${encodeURIComponent(token)}`);
    expect(answer.status).toBe(400);
    expect(answer.text).not.toContain(token);
    await expectNothingChanged();
  });

  it('a replayed genuine notification causes at most one run, which changes nothing', async () => {
    const genuine = collection(notification(users.id, users.clientState));
    for (let i = 0; i < 10; i++) expect((await send(genuine)).status).toBe(202);
    await expectNothingChanged(1);
    expect(await notifiedRuns()).toHaveLength(1);
  });

  it(`a flood is cut at ${MAX_NOTIFICATION_REQUESTS_PER_MINUTE} requests a minute (429), and starts at most one run`, async () => {
    const genuine = collection(notification(users.id, users.clientState));
    const forged = collection(notification(users.id, 'guess'));
    const statuses: number[] = [];
    for (let round = 0; round < 10; round++) {
      const batch = await Promise.all(Array.from({ length: 20 }, (_, i) => send(i % 2 === 0 ? forged : genuine)));
      statuses.push(...batch.map((a) => a.status));
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(MAX_NOTIFICATION_REQUESTS_PER_MINUTE + 20);
    expect(answers.find((a) => a.status === 429)?.headers).toContain('retry-after');
    await expectNothingChanged(1);
  });
});
