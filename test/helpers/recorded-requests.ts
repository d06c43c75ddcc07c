import type { JiraSimulator } from '../../dev/sim/jira/jira-simulator';
import type { ProcessState } from './process-faults';
import { jiraWriteDone, ProcessCrash } from './process-faults';

export interface RecordedRequest {
  service: 'jira' | 'graph' | 'other';
  method: string;
  url: string;
  body: string;
  status: number | null;
  headers: Record<string, string>;
}

/**
 * The network a rig's app sends through (passed to the runtime, nothing global is patched): records
 * every request to the simulators with its answer's status, counts successful Jira writes, and
 * fails every request once the process is dead.
 */
export function recordingNetwork(
  simulators: { jira: string; graph: string },
  process: ProcessState,
  requests: RecordedRequest[],
): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const service = url.startsWith(simulators.jira) ? 'jira' : url.startsWith(simulators.graph) ? 'graph' : 'other';
    if (service === 'other') return fetch(input, init);
    if (process.dead) throw new ProcessCrash(`fetch ${url}`);
    const headers = Object.fromEntries(
      Object.entries((init?.headers as Record<string, string> | undefined) ?? {}).map(([k, v]) => [
        k.toLowerCase(),
        String(v),
      ]),
    );
    const entry: RecordedRequest = {
      service,
      method: (init?.method ?? 'GET').toUpperCase(),
      url,
      body: typeof init?.body === 'string' ? init.body : '',
      status: null,
      headers,
    };
    requests.push(entry);
    const response = await fetch(input, init);
    entry.status = response.status;
    if (service === 'jira' && entry.method !== 'GET' && response.ok) jiraWriteDone(process);
    return response;
  };
}

/** One successful Jira write as (op, group, account): how "the same write twice" is recognised. */
export function writeKey(request: RecordedRequest): string | null {
  if (
    request.service !== 'jira' ||
    request.method === 'GET' ||
    request.status === null ||
    request.status < 200 ||
    request.status >= 300
  )
    return null;
  const url = new URL(request.url);
  const body = request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {};
  if (request.method === 'POST' && url.pathname === '/rest/api/3/group') return `createGroup ${String(body.name)}`;
  if (request.method === 'POST' && url.pathname === '/rest/api/3/group/user')
    return `addMember ${url.searchParams.get('groupId')} ${String(body.accountId)}`;
  if (request.method === 'DELETE' && url.pathname === '/rest/api/3/group/user')
    return `removeMember ${url.searchParams.get('groupId')} ${url.searchParams.get('accountId')}`;
  return `${request.method} ${url.pathname}`;
}

export function successfulWrites(rig: { requests: RecordedRequest[] }): string[] {
  return rig.requests.map(writeKey).filter((k): k is string => k !== null);
}

export function duplicates(keys: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const key of keys) (seen.has(key) ? twice : seen).add(key);
  return [...twice];
}

/** Jira's groups as name → sorted member IDs (order of adds does not matter). */
export function jiraState(rig: { jira: JiraSimulator }): Record<string, string[]> {
  return Object.fromEntries(
    rig.jira
      .groups()
      .map((g) => [g.name, [...g.members].sort()] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
