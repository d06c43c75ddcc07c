import { SyncError } from '../../core/errors';
import type { JiraWriteIdentity } from './write-identity';
import { describeWriteIdentity } from './write-identity';

export type JiraChannel = 'read' | 'write';

export interface FailureContext {
  channel: JiraChannel;
  method: string;
  path: string;
  /** Present on the write channel, and on the read channel when the API token reads too. */
  writeIdentity?: JiraWriteIdentity;
}

/** Jira's ErrorCollection `{errorMessages[], errors{}}` as one line, or '' when the body is not one. */
export function jiraErrorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errorMessages?: unknown; errors?: unknown };
    const messages = Array.isArray(parsed.errorMessages)
      ? parsed.errorMessages.filter((m): m is string => typeof m === 'string')
      : [];
    const fields =
      parsed.errors && typeof parsed.errors === 'object'
        ? Object.entries(parsed.errors).map(([k, v]) => `${k}: ${String(v)}`)
        : [];
    return [...messages, ...fields].join('; ').slice(0, 300);
  } catch {
    return '';
  }
}

/** The SyncError for a final non-2xx Jira answer (429 quota and retry exhaustion are handled elsewhere). */
export function jiraFailure(status: number, body: string, context: FailureContext): SyncError {
  const said = jiraErrorText(body);
  const detail = said ? ` Jira said: ${said}` : '';
  const call = `${context.method} ${context.path.split('?')[0]}`;
  const writer = context.writeIdentity;
  if (status === 401) {
    if (writer?.mode === 'apiToken') {
      return new SyncError(
        'token-invalid',
        `Jira did not accept the API token of ${describeWriteIdentity(writer)} (HTTP 401 on ${call}). Create a new API token for that account at id.atlassian.com and save it in the settings.${detail}`,
      );
    }
    const who = context.channel === 'write' && writer ? describeWriteIdentity(writer) : 'the app';
    return new SyncError(
      'jira-unauthorized',
      `Jira did not accept the credentials of ${who} (HTTP 401 on ${call}); check the account is active and the app is still installed.${detail}`,
    );
  }
  if (status === 403) {
    if (context.channel === 'write') {
      const who = writer ? describeWriteIdentity(writer) : 'the write account';
      return new SyncError(
        'runas-not-site-admin',
        `Jira refused to change groups as ${who}: group changes need a site admin (HTTP 403 on ${call}). Make this account a site admin in admin.atlassian.com, or choose another account to write as.${detail}`,
      );
    }
    if (writer)
      return new SyncError(
        'jira-permission-missing',
        `The ${describeWriteIdentity(writer)} lacks a Jira permission for ${call} (HTTP 403); it needs "Browse users and groups".${detail}`,
      );
    return new SyncError(
      'jira-permission-missing',
      `The app lacks a Jira permission for ${call} (HTTP 403); it needs "Browse users and groups". Reinstall or upgrade the app to grant its scopes.${detail}`,
    );
  }
  if (status === 404) return new SyncError('jira-not-found', `Jira found nothing for ${call} (HTTP 404).${detail}`);
  return new SyncError('jira-request-failed', `Jira refused ${call} with HTTP ${status}.${detail}`);
}

export function invalidResponse(context: FailureContext, what: string): SyncError {
  return new SyncError(
    'jira-invalid-response',
    `Jira answered ${context.method} ${context.path.split('?')[0]} with ${what}.`,
    { retryable: true },
  );
}
