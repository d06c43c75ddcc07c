import { createCallerPermissions } from '../../src/adapters/jira';
import { JIRA_ADAPTER_OPERATIONS } from './openapi/jira-adapter-operations';
import {
  JIRA_OPERATION_SCOPES,
  JIRA_SUBSET,
  componentValidator,
  findOperation,
  requestBodyValidator,
  responseValidator,
} from './openapi/jira-openapi';
import type { JiraSite } from './jira-support';
import { ADMIN, JIRA_CONTRACT_START, PLAIN, TOKEN, jiraScenario, jiraUser, startJiraSite } from './jira-support';
import { VirtualClock } from '../helpers';

/**
 * Holds the adapter's requests and the simulator's answers against Atlassian's OpenAPI document
 * (the subset in ./openapi). Every call the adapter makes below is recorded and checked.
 */

const GROUP = 'd4d4d4d4-0000-4000-8000-000000000004';

describe('Jira adapter and simulator against the OpenAPI document', () => {
  let site: JiraSite;

  beforeAll(async () => {
    const scenario = jiraScenario({
      users: [
        jiraUser('hidden-1', { emailHidden: true }),
        jiraUser('inactive-1', { active: false }),
        jiraUser('bot-1', { accountType: 'app' }),
        jiraUser('customer-1', { accountType: 'customer' }),
      ],
      groups: [
        { name: 'docs-team', groupId: GROUP, members: ['hidden-1', 'inactive-1', PLAIN] },
        { name: 'jira-software-users', members: [ADMIN], defaultAccess: true },
        { name: 'jira-administrators', members: [], accessType: 'admin' },
      ],
    });
    scenario.jira.orgAdmins = ['svc-1'];
    site = await startJiraSite(scenario);
    const admin = site.directory({ kind: 'user', accountId: ADMIN });
    await admin.usersPage(0);
    await admin.emailsOf(['hidden-1', PLAIN]);
    await admin.groupsByName(['docs-team', 'jira-software-users', 'missing']);
    await admin.groupMembersPage(GROUP, 0);
    await admin.accountsByEmail(`${PLAIN}@example.com`);
    await admin.groupIdsOfAccount(PLAIN);
    await admin.searchGroups('DOCS', 10);
    await admin.searchGroups('jira', 1);
    const orgAdmin = site.directory({ kind: 'apiToken', ...TOKEN });
    await orgAdmin.createUser('new-1@example.com', ['jira-software']);
    await orgAdmin.createUser('new-2@example.com', []);
    await orgAdmin.createUser('new-2@example.com', []).catch(() => undefined);
    await admin.createUser('new-3@example.com', []).catch(() => undefined);
    const created = await admin.createGroup('docs-team-2');
    await admin.createGroup('docs-team-2');
    await admin.addMember(created.groupId, PLAIN);
    await admin.addMember(created.groupId, PLAIN);
    await admin.removeMember(created.groupId, PLAIN);
    await admin.removeMember(created.groupId, PLAIN);
    await admin.writeIdentityHealth();
    await site.directory({ kind: 'user', accountId: 'gone' }).writeIdentityHealth();
    await site.directory({ kind: 'apiToken', ...TOKEN }).writeIdentityHealth();
    await site
      .directory({ kind: 'user', accountId: PLAIN })
      .addMember(GROUP, PLAIN)
      .catch(() => undefined);
    await site
      .directory({ kind: 'apiToken', email: TOKEN.email, token: 'wrong' })
      .writeIdentityHealth()
      .catch(() => undefined);
    await createCallerPermissions(site.fetchAs({ kind: 'user', accountId: ADMIN }), {
      clock: new VirtualClock(JIRA_CONTRACT_START),
    })(ADMIN);
  });
  afterAll(() => site.sim.close());

  it('recorded a call for every operation in the subset, and only those', () => {
    const called = new Set(site.calls.map((c) => `${c.method} ${new URL(c.url, 'http://site').pathname}`));
    expect([...called].sort()).toEqual(JIRA_ADAPTER_OPERATIONS.map(([m, p]) => `${m.toUpperCase()} ${p}`).sort());
  });

  it('every request uses a documented path, method and query parameter names', () => {
    for (const call of site.calls) {
      const url = new URL(call.url, 'http://site');
      const operation = findOperation(call.method, url.pathname);
      expect({ call: `${call.method} ${url.pathname}`, documented: operation !== undefined }).toEqual({
        call: `${call.method} ${url.pathname}`,
        documented: true,
      });
      const params = (operation?.operation.parameters ?? []).filter((p) => p.in === 'query');
      const documented = new Set(params.map((p) => p.name));
      const sent = [...new Set(url.searchParams.keys())];
      expect({ call: call.url, undocumented: sent.filter((name) => !documented.has(name)) }).toEqual({
        call: call.url,
        undocumented: [],
      });
      const missing = params.filter((p) => p.required && !url.searchParams.has(p.name)).map((p) => p.name);
      expect({ call: call.url, missing }).toEqual({ call: call.url, missing: [] });
    }
  });

  it('every request body matches the documented request schema', () => {
    const withBodies = site.calls.filter((c) => c.requestBody !== undefined);
    expect(withBodies.length).toBeGreaterThan(0);
    for (const call of withBodies) {
      const operation = findOperation(call.method, new URL(call.url, 'http://site').pathname);
      const validate = operation && requestBodyValidator(operation);
      expect(validate).toBeDefined();
      const valid = validate?.(JSON.parse(call.requestBody as string));
      expect({ call: call.url, errors: valid ? null : validate?.errors }).toEqual({ call: call.url, errors: null });
    }
  });

  it('every successful simulator answer matches the documented response schema', () => {
    let checked = 0;
    for (const call of site.calls.filter((c) => c.status < 300 && c.responseBody !== '')) {
      const operation = findOperation(call.method, new URL(call.url, 'http://site').pathname);
      if (!operation) continue;
      const validate = responseValidator(operation, call.status);
      expect({ call: `${call.method} ${call.url} -> ${call.status}`, documented: validate !== undefined }).toEqual({
        call: `${call.method} ${call.url} -> ${call.status}`,
        documented: true,
      });
      const body = JSON.parse(call.responseBody) as unknown;
      // email/bulk: the live API answers a list of the documented object (see openapi/README.md).
      const items = operation.key === 'GET /rest/api/3/user/email/bulk' && Array.isArray(body) ? body : [body];
      for (const item of items) {
        const valid = validate?.(item);
        expect({ call: call.url, errors: valid ? null : validate?.errors }).toEqual({ call: call.url, errors: null });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(JIRA_ADAPTER_OPERATIONS.length - 1);
  });

  it('every error answer is a Jira ErrorCollection', () => {
    const errors = site.calls.filter((c) => c.status >= 400);
    expect(errors.map((c) => c.status)).toEqual(expect.arrayContaining([400, 401, 403, 404]));
    const validate = componentValidator('ErrorCollection');
    for (const call of errors) {
      const body = JSON.parse(call.responseBody) as unknown;
      expect({
        call: call.url,
        valid: validate(body),
        hasMessages: Array.isArray((body as { errorMessages?: unknown }).errorMessages),
      }).toEqual({ call: call.url, valid: true, hasMessages: true });
    }
  });

  it('lists the OAuth scopes the document gives each operation', () => {
    expect(JIRA_SUBSET.info.version).toBe('1001.0.0-SNAPSHOT-500abd49de29b046db51cf0460caa503167075c0');
    for (const [method, route] of JIRA_ADAPTER_OPERATIONS)
      expect(JIRA_OPERATION_SCOPES[`${method.toUpperCase()} ${route}`]?.length).toBeGreaterThan(0);
    expect(JIRA_OPERATION_SCOPES['GET /rest/api/3/user/email/bulk']).toEqual(['read:email-address:jira']);
    expect(JIRA_OPERATION_SCOPES['POST /rest/api/3/group/user']).toEqual(
      expect.arrayContaining(['manage:jira-configuration', 'write:group:jira']),
    );
    expect(JIRA_OPERATION_SCOPES['GET /rest/api/3/groups/picker']).toEqual(['read:jira-user', 'read:group:jira']);
    expect(JIRA_OPERATION_SCOPES['POST /rest/api/3/user']).toEqual(['manage:jira-configuration', 'write:user:jira']);
  });

  it('the schemas are strict enough to catch a wrong answer', () => {
    const members = findOperation('GET', '/rest/api/3/group/member');
    const validate = members && responseValidator(members, 200);
    expect(validate?.({ isLast: true, values: [{ accountId: 'a', emailAddress: null }] })).toBe(false);
    expect(validate?.({ isLast: true, values: [{ accountId: 'a', username: 'legacy' }] })).toBe(false);
    expect(validate?.({ isLast: true, values: [{ accountId: 'a', emailAddress: 'a@example.com' }] })).toBe(true);
  });
});
