import type { RunDetail, RunSummary } from '../../src/shared/resolver-contract';
import { DEMO_ADMIN } from './accounts';
import type { Rig } from './rig';

const HOUR = 3_600_000;

/** A page resolver called as the demo site admin; its data, or an error naming what it refused. */
export async function callAsAdmin<T>(h: Rig, name: string, payload: Record<string, unknown> = {}): Promise<T> {
  const answer = (await h.app.resolve(name as never, payload, { accountId: DEMO_ADMIN })) as {
    ok: boolean;
    data: T;
    error?: unknown;
  };
  if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

/** One hour later the schedule starts its run; drained, with its record as the page shows it. */
export async function nextHourlyRun(h: Rig): Promise<RunDetail> {
  h.clock.advance(HOUR);
  expect(await h.app.onScheduledTick()).toBe('started');
  await h.drain();
  const id = (await callAsAdmin<RunSummary[]>(h, 'listRuns'))[0]!.id;
  return callAsAdmin<RunDetail>(h, 'getRun', { runId: id });
}

/**
 * An organization admin invites an account by hand (an API token, as the app itself cannot); the
 * scenario needs `jira.orgAdmins: [DEMO_ADMIN]` and the token `admin@contoso.com:org-admin-token`.
 */
export async function inviteByHand(h: Rig, email: string): Promise<string> {
  const invited = await fetch(`${h.jira.url}/rest/api/3/user`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('admin@contoso.com:org-admin-token').toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ emailAddress: email, products: ['jira-software'] }),
  });
  expect(invited.status).toBe(201);
  return ((await invited.json()) as { accountId: string }).accountId;
}
