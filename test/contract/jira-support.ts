import type { Scenario, ScenarioFault, ScenarioJiraGroup, ScenarioJiraUser } from '../../dev/scenario/scenario';
import type { JiraSimCredentials } from '../../dev/sim/jira/identity-fetch';
import { jiraFetchAs } from '../../dev/sim/jira/identity-fetch';
import type { JiraSimulator, JiraSimulatorOptions } from '../../dev/sim/jira/jira-simulator';
import { startJiraSimulator } from '../../dev/sim/jira/jira-simulator';
import type { JiraDirectoryOptions } from '../../src/adapters/jira';
import { createJiraDirectory } from '../../src/adapters/jira';
import type { HttpFetch } from '../../src/ports/http';
import type { JiraDirectory } from '../../src/ports/jira-directory';
import { VirtualClock } from '../../dev/host/virtual-clock';
import { trustedHttps } from '../helpers/trusted-https';

/** Shared fixtures of the Jira contract tests: small scenarios and a recording fetch. */

export function jiraUser(accountId: string, extra: Partial<ScenarioJiraUser> = {}): ScenarioJiraUser {
  return {
    accountId,
    emailAddress: `${accountId}@example.com`,
    displayName: `User ${accountId}`,
    active: true,
    accountType: 'atlassian',
    ...extra,
  };
}

export const ADMIN = 'admin-1';
export const PLAIN = 'plain-1';
export const TOKEN = { email: 'svc-1@example.com', token: 'good-token' };
/** Where the contract tests' clocks start (a fixed instant, so dates in answers are stable). */
export const JIRA_CONTRACT_START = Date.UTC(2026, 5, 1, 10, 0, 0);

/** An admin (site admin), a plain user, a service account with a token, plus what the test adds. */
export function jiraScenario(
  parts: {
    users?: ScenarioJiraUser[];
    groups?: ScenarioJiraGroup[];
    siteAdmins?: string[];
    faults?: ScenarioFault[];
  } = {},
): Scenario {
  return {
    name: 'jira contract',
    entra: { users: [], groups: [] },
    jira: {
      users: [jiraUser(ADMIN), jiraUser(PLAIN), jiraUser('svc-1'), ...(parts.users ?? [])],
      groups: parts.groups ?? [],
      siteAdmins: parts.siteAdmins ?? [ADMIN, 'svc-1'],
      apiTokens: [TOKEN],
    },
    settings: {
      tenantId: '11111111-1111-1111-1111-111111111111',
      clientId: '22222222-2222-2222-2222-222222222222',
      scope: { mode: 'all' },
      writeAs: { mode: 'runAsAdmin', accountId: ADMIN },
    },
    faults: parts.faults,
  };
}

export interface RecordedCall {
  method: string;
  url: string;
  requestBody: string | undefined;
  status: number;
  responseBody: string;
}

/** Wraps a fetch and records every request and response (bodies as text). */
export function recordingFetch(inner: HttpFetch, calls: RecordedCall[]): HttpFetch {
  return async (url, init = {}) => {
    const response = await inner(url, init);
    const text = await response.text();
    calls.push({
      method: init.method ?? 'GET',
      url,
      requestBody: init.body,
      status: response.status,
      responseBody: text,
    });
    return { status: response.status, headers: response.headers, text: () => Promise.resolve(text) };
  };
}

export interface JiraSite {
  sim: JiraSimulator;
  /** Starts at a fixed instant; its sleeps (retry waits) are recorded, never waited. */
  clock: VirtualClock;
  calls: RecordedCall[];
  /** Requests as `credentials`, recorded in `calls`. */
  fetchAs(credentials: JiraSimCredentials): HttpFetch;
  /** Requests as `credentials`, not recorded (a test's own look at the site). */
  rawFetchAs(credentials: JiraSimCredentials): HttpFetch;
  /** The adapter reading as the app and writing as `writer` (an impersonated admin by default). */
  directory(writer?: JiraSimCredentials, extra?: Partial<JiraDirectoryOptions>): JiraDirectory;
}

/** Starts a simulator for the scenario over HTTPS, as Jira Cloud serves; close it with `site.sim.close()`. */
export async function startJiraSite(scenario: Scenario, options: JiraSimulatorOptions = {}): Promise<JiraSite> {
  const https = await trustedHttps();
  const sim = await startJiraSimulator(scenario, { tls: https.tls, ...options });
  const clock = new VirtualClock(JIRA_CONTRACT_START);
  const calls: RecordedCall[] = [];
  const rawFetchAs = (credentials: JiraSimCredentials): HttpFetch => jiraFetchAs(sim.url, credentials, https.fetch);
  const fetchAs = (credentials: JiraSimCredentials): HttpFetch => recordingFetch(rawFetchAs(credentials), calls);
  return {
    sim,
    clock,
    calls,
    fetchAs,
    rawFetchAs,
    directory(writer = { kind: 'user', accountId: ADMIN }, extra = {}) {
      const writeIdentity: JiraDirectoryOptions['writeIdentity'] =
        writer.kind === 'apiToken'
          ? { mode: 'apiToken', email: writer.email }
          : { mode: 'runAsAdmin', accountId: writer.kind === 'user' ? writer.accountId : 'forge-app-system-user' };
      return createJiraDirectory({
        read: fetchAs({ kind: 'app' }),
        write: fetchAs(writer),
        writeIdentity,
        clock,
        ...extra,
      });
    },
  };
}
