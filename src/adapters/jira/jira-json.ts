import { SyncError } from '../../core/errors';
import type { JiraAccountType, JiraGroup, JiraUser } from '../../core/model';

/**
 * Jira JSON to the core model. A malformed item fails the whole call (retryable): a page with an
 * item silently dropped would be partial data.
 */
const ACCOUNT_TYPES: readonly JiraAccountType[] = ['atlassian', 'app', 'customer', 'unknown'];

export function toJiraUser(json: unknown, where: string): JiraUser {
  const item = asRecord(json, where);
  if (typeof item.accountId !== 'string' || item.accountId === '') throw malformed(where, 'a user without accountId');
  const accountType = ACCOUNT_TYPES.find((t) => t === item.accountType) ?? 'unknown';
  return {
    accountId: item.accountId,
    // Profile privacy leaves the email out (or blank); the email API fills it in later.
    emailAddress: typeof item.emailAddress === 'string' && item.emailAddress !== '' ? item.emailAddress : null,
    displayName: typeof item.displayName === 'string' ? item.displayName : '',
    active: item.active === true,
    accountType,
  };
}

export function toJiraGroup(json: unknown, where: string): JiraGroup {
  const item = asRecord(json, where);
  if (typeof item.name !== 'string' || typeof item.groupId !== 'string' || item.groupId === '')
    throw malformed(where, 'a group without name or groupId');
  return { name: item.name, groupId: item.groupId };
}

export interface JiraPage {
  values: unknown[];
  isLast: boolean;
}

/** A PageBean: `values` plus `isLast`; an empty page ends paging so a server quirk cannot loop forever. */
export function toPage(json: unknown, where: string, requested: number): JiraPage {
  const page = asRecord(json, where);
  if (!Array.isArray(page.values)) throw malformed(where, 'a page without values');
  const isLast = typeof page.isLast === 'boolean' ? page.isLast : page.values.length < requested;
  return { values: page.values, isLast: isLast || page.values.length === 0 };
}

export function toArray(json: unknown, where: string): unknown[] {
  if (!Array.isArray(json)) throw malformed(where, 'something other than a list');
  return json;
}

export function asRecord(json: unknown, where: string): Record<string, unknown> {
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw malformed(where, 'something other than an object');
  return json as Record<string, unknown>;
}

function malformed(where: string, what: string): SyncError {
  return new SyncError('jira-invalid-response', `Jira answered ${where} with ${what}.`, { retryable: true });
}
