import type { GraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { startGraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { CLIENT_ID, SECRET, TENANT_ID, scenario, wire } from './graph-fixtures';
import { rejectionOf } from '../helpers';

/** Every named token failure reaches SyncError.code, with a message that never carries the secret. */

let sim: GraphSimulator;
let expiredSim: GraphSimulator;
const messages: string[] = [];

beforeAll(async () => {
  sim = await startGraphSimulator(scenario());
  expiredSim = await startGraphSimulator(scenario({ app: { secretEndDateTime: '2020-01-01T00:00:00Z' } }));
});
afterAll(async () => {
  await Promise.all([sim.close(), expiredSim.close()]);
});

async function tokenFailure(target: GraphSimulator, overrides: Parameters<typeof wire>[1]) {
  const { directory, calls } = wire(target, overrides);
  const error = await rejectionOf(directory.verifyCredentials());
  messages.push(error.message);
  return { error, calls };
}

function aadstsFault(code: number, error: string, description = `AADSTS${code}: injected.`) {
  return {
    service: 'graph' as const,
    path: `/${TENANT_ID}/oauth2`,
    status: 400,
    body: { error, error_description: description, error_codes: [code] },
  };
}

it.each([
  ['secret-invalid', { clientSecret: 'the-secret-id-0f3c2a' }, ['Value', 'Secret ID']],
  [
    'app-not-found',
    { clientId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb' },
    ['client', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb'],
  ],
  ['tenant-not-found', { tenantId: '22222222-2222-4222-8222-222222222222' }, ['tenant', 'cloud']],
  ['tenant-invalid', { tenantId: 'contoso_corp' }, ['contoso_corp', 'GUID']],
  ['secret-missing', { clientSecret: '' }, ['secret']],
  ['wrong-cloud', { cloud: 'usgov' as const }, ['cloud']],
])('maps to %s', async (code, overrides, words) => {
  const { error } = await tokenFailure(sim, overrides);
  expect(error.code).toBe(code);
  for (const word of words) expect(error.message).toContain(word);
});

it('maps an expired secret to secret-expired', async () => {
  const { error } = await tokenFailure(expiredSim, {});
  expect(error.code).toBe('secret-expired');
  expect(error.message).toContain('Certificates & secrets');
});

it('maps AADSTS50196 (loop detected) and AADSTS90038 (national cloud) from Entra', async () => {
  sim.faults.add(aadstsFault(50196, 'invalid_request'));
  const loop = await tokenFailure(sim, {});
  expect(loop.error.code).toBe('token-loop-detected');
  expect(loop.error.retryable).toBe(true);
  sim.faults.add(aadstsFault(90038, 'invalid_request'));
  expect((await tokenFailure(sim, {})).error.code).toBe('wrong-cloud');
});

it("keeps an unknown code as token-error with Entra's own words, scrubbing the secret if echoed", async () => {
  sim.faults.add(
    aadstsFault(7000112, 'unauthorized_client', `AADSTS7000112: Application is disabled. secret=${SECRET}`),
  );
  const { error } = await tokenFailure(sim, {});
  expect(error.code).toBe('token-error');
  expect(error.message).toContain('unauthorized_client');
  expect(error.message).toContain('AADSTS7000112: Application is disabled.');
  expect(error.message).toContain('secret=[redacted]');
});

it('reports network-error when the sign-in host cannot be reached', async () => {
  const { error, calls } = await tokenFailure(sim, {
    endpoints: { loginBaseUrl: 'http://127.0.0.1:1', graphBaseUrl: sim.url },
  });
  expect(error.code).toBe('network-error');
  expect(error.message).toContain('127.0.0.1:1');
  // Retried a few times (fake clock, no real waiting) before giving up.
  expect(calls.filter((c) => c === 'token').length).toBeGreaterThan(1);
});

it('does not cache a failure: the next call asks Entra again', async () => {
  const before = sim.tokenRequestCount();
  const { directory } = wire(sim, { clientSecret: 'wrong-one' });
  await rejectionOf(directory.verifyCredentials());
  await rejectionOf(directory.verifyCredentials());
  expect(sim.tokenRequestCount() - before).toBe(2);
});

it('never puts the secret in any message', () => {
  expect(messages.length).toBeGreaterThanOrEqual(10);
  for (const message of messages) {
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain(encodeURIComponent(SECRET));
  }
  expect(messages.some((m) => m.includes(CLIENT_ID))).toBe(true);
});
