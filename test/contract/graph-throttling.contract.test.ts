import type { GraphSimulator } from '../../dev/sim/graph/graph-simulator';
import { startGraphSimulator } from '../../dev/sim/graph/graph-simulator';
import type { HttpFetch } from '../../src/ports/http';
import { TENANT_ID, groupId, scenario, user, wire } from './graph-fixtures';
import { rejectionOf } from '../helpers';
import { nodeFetch } from '../../dev/host/node-fetch';

/** 429/503/504 through sendWithRetry: Retry-After honoured, deadlines respected, failures never empty. */

const GROUP = groupId(1);
let sim: GraphSimulator;

beforeAll(async () => {
  sim = await startGraphSimulator(
    scenario({ users: [user(1), user(2)], groups: [{ id: GROUP, displayName: 'Ops', members: [user(1).id] }] }),
  );
});
afterAll(async () => {
  await sim.close();
});

async function warmed(overrides: Parameters<typeof wire>[1] = {}) {
  const wired = wire(sim, overrides);
  await wired.directory.verifyCredentials();
  return wired;
}

it('waits the Retry-After of each 429, then succeeds', async () => {
  const priorities: Array<string | undefined> = [];
  const recording: HttpFetch = (url, init) => {
    if (url.includes('/v1.0/')) priorities.push(init?.headers?.['x-ms-throttle-priority']);
    return nodeFetch(url, init);
  };
  const { directory, clock, calls } = await warmed({ lowPriority: true, fetch: recording });
  sim.faults.add({ service: 'graph', path: '/v1.0/users', status: 429, retryAfter: 7, times: 2 });
  const before = sim.graphRequestCount();
  const page = await directory.usersPage(null);
  expect(page.items).toHaveLength(2);
  expect(clock.sleeps).toEqual([7000, 7000]);
  expect(sim.graphRequestCount() - before).toBe(3);
  expect(calls.filter((c) => c === 'throttled')).toHaveLength(2);
  expect(priorities).toEqual(['low', 'low', 'low']);
});

it('retries a 504 on a members page and returns the page', async () => {
  const { directory, clock } = await warmed();
  sim.faults.add({ service: 'graph', path: `/v1.0/groups/${GROUP}/transitiveMembers`, status: 504, retryAfter: 2 });
  const page = await directory.transitiveMembersPage(GROUP, null);
  expect(page.users.map((u) => u.id)).toEqual([user(1).id]);
  expect(clock.sleeps).toEqual([2000]);
});

it('throws a retryable graph-throttled with retryAfterSeconds when Retry-After passes the deadline', async () => {
  let deadline = 0;
  const { directory, clock } = await warmed({ deadline: () => deadline });
  deadline = clock.now() + 10_000;
  sim.faults.add({ service: 'graph', path: '/v1.0/users', status: 429, retryAfter: 120, times: 1 });
  const error = await rejectionOf(directory.usersPage(null));
  expect(error.code).toBe('graph-throttled');
  expect(error.retryable).toBe(true);
  expect(error.retryAfterSeconds).toBe(120);
  expect(clock.sleeps).toEqual([]);
});

it('throws graph-unavailable after a persistent 503 instead of returning an empty page', async () => {
  const { directory, clock } = await warmed();
  sim.faults.add({ service: 'graph', path: '/v1.0/users', status: 503, times: 100 });
  const before = sim.graphRequestCount();
  const error = await rejectionOf(directory.usersPage(null));
  expect(error.code).toBe('graph-unavailable');
  expect(error.retryable).toBe(true);
  expect(sim.graphRequestCount() - before).toBe(5);
  // No Retry-After: exponential backoff between the 5 attempts.
  expect(clock.sleeps).toHaveLength(4);
  expect(clock.sleeps[3]!).toBeGreaterThan(clock.sleeps[0]!);
});

it('does not retry a 500 and reports it as retryable graph-unavailable', async () => {
  const { directory } = await warmed();
  sim.faults.add({ service: 'graph', path: '/v1.0/groups', status: 500, times: 1 });
  const before = sim.graphRequestCount();
  const error = await rejectionOf(directory.searchGroups('Ops', 5));
  expect(error.code).toBe('graph-unavailable');
  expect(sim.graphRequestCount() - before).toBe(1);
});

it('retries a throttled token request too', async () => {
  const { directory, clock } = wire(sim);
  sim.faults.add({ service: 'graph', path: `/${TENANT_ID}/oauth2`, status: 429, retryAfter: 3, times: 1 });
  const before = sim.tokenRequestCount();
  await directory.verifyCredentials();
  expect(sim.tokenRequestCount() - before).toBe(2);
  expect(clock.sleeps).toEqual([3000]);
});
