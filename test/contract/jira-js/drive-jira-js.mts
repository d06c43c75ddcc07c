/**
 * Drives Atlassian-facing calls through jira.js (an ES module, which jest's CommonJS runtime cannot
 * load, so the contract test runs this file in its own Node process) against the Jira simulator
 * over HTTPS, with jira.js's schema checks set to throw. Prints one JSON line: each check's name and
 * whether it passed, with the error when not.
 */
import { setGlobalDispatcher, Agent } from 'undici';
import { createCloudClient } from 'jira.js';
import { startJiraSimulator } from '../../../dev/sim/jira/jira-simulator';
import { testCertificate } from '../../../dev/sim/test-certificate';
import { ADMIN, PLAIN, TOKEN, jiraScenario, jiraUser } from '../jira-support';

type Check = { name: string; ok: boolean; error?: string };

async function main(): Promise<void> {
  const tls = await testCertificate();
  setGlobalDispatcher(new Agent({ connect: { ca: tls.cert } }));
  const members = Array.from({ length: 120 }, (_, i) => jiraUser(`m-${String(i).padStart(3, '0')}`));
  const scenario = jiraScenario({
    users: [...members, jiraUser('hidden-1', { emailHidden: true })],
    groups: [{ name: 'big-team', groupId: 'big-team-id', members: members.map((m) => m.accountId) }],
  });
  const sim = await startJiraSimulator(scenario, { tls });
  // The service account's API token (basic auth) writes; the app reads emails.
  const admin = createCloudClient({
    host: sim.url,
    auth: { type: 'basic', email: TOKEN.email, apiToken: TOKEN.token },
    onSchemaMismatch: 'throw',
  });
  const app = createCloudClient({
    host: sim.url,
    auth: { type: 'bearer', token: 'forge-app' },
    onSchemaMismatch: 'throw',
  });
  const checks: Check[] = [];
  const check = async (name: string, body: () => Promise<boolean>): Promise<void> => {
    try {
      checks.push({ name, ok: await body() });
    } catch (error) {
      checks.push({
        name,
        ok: false,
        error:
          error instanceof Error
            ? `${error.name}: ${error.message} ${JSON.stringify((error as { report?: unknown }).report ?? '')}`
            : String(error),
      });
    }
  };
  try {
    // jira.js 6 has no client for the experimental group/bulk; the picker finds groups by name.
    await check(
      'groups: find by name',
      async () => (await admin.groups.findGroups({ query: 'big-team' })).groups?.[0]?.groupId === 'big-team-id',
    );
    await check('groups: member paging to the last page', async () => {
      const seen: string[] = [];
      for (let startAt = 0, last = false; !last; ) {
        const page = await admin.groups.getUsersFromGroup({
          groupId: 'big-team-id',
          startAt,
          maxResults: 50,
          includeInactiveUsers: true,
        });
        seen.push(...(page.values ?? []).map((u) => u.accountId ?? ''));
        last = page.isLast === true;
        startAt += page.values?.length ?? 0;
      }
      return seen.length === 120 && new Set(seen).size === 120;
    });
    let groupId = '';
    await check('groups: create', async () => {
      const created = await admin.groups.createGroup({ name: 'jira-js-team' });
      groupId = created.groupId ?? '';
      return created.name === 'jira-js-team' && groupId !== '';
    });
    await check('groups: add and remove a member', async () => {
      await admin.groups.addUserToGroup({ groupId, accountId: PLAIN });
      const added =
        sim
          .groups()
          .find((g) => g.groupId === groupId)
          ?.members.includes(PLAIN) === true;
      await admin.groups.removeUserFromGroup({ groupId, accountId: PLAIN });
      return added && sim.groups().find((g) => g.groupId === groupId)?.members.length === 0;
    });
    await check('groups: a name over 255 characters is refused with a 400', async () => {
      const refused = await admin.groups.createGroup({ name: 'x'.repeat(256) }).then(
        () => null,
        (error: { status?: number }) => error.status ?? -1,
      );
      return refused === 400;
    });
    await check('users: users/search pages to an empty page', async () => {
      let count = 0;
      for (let startAt = 0; ; ) {
        const page = await app.users.getAllUsers({ startAt, maxResults: 50 });
        if (page.length === 0) break;
        count += page.length;
        startAt += page.length;
      }
      return count === sim.users().length;
    });
    await check('users: user search by email', async () =>
      (await app.userSearch.findUsers({ query: `${ADMIN}@example.com` })).some((u) => u.accountId === ADMIN),
    );
    await check(
      'users: email of a hidden-email account',
      async () => (await app.users.getUserEmailBulk({ accountId: ['hidden-1'] })).email === 'hidden-1@example.com',
    );
    await check('schema checks are on: a malformed answer is refused', async () => {
      sim.faults.add({
        service: 'jira',
        path: '/rest/api/3/users/search',
        status: 200,
        body: [{ accountId: 5, active: 'yes' }],
      });
      return app.users.getAllUsers({ startAt: 0, maxResults: 1 }).then(
        () => false,
        (error: Error) => error.name === 'SchemaMismatchError',
      );
    });
  } finally {
    await sim.close();
  }
  process.stdout.write(`${JSON.stringify(checks)}\n`);
}

void main();
