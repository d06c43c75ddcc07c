import type { ErrorCode } from '../../../src/core/errors';
import type { ErrorInfo } from '../../../src/shared/resolver-contract';

/**
 * What the admin can do about an error, by code, where the message itself does not already say
 * it. Codes come from the resolvers (src/core/errors and the handlers) and from this page's
 * own bridge wrapper.
 */
const FIXES: Partial<Record<ErrorCode | 'BRIDGE_ERROR' | 'BAD_RESPONSE', string>> = {
  forbidden:
    'Ask a site admin to grant you Jira administration (admin.atlassian.com → Directory → Users), or ask them to make this change.',
  'not-signed-in': 'Sign in to Jira again and reload this page.',
  'not-configured':
    'Open the Connection tab, fill in the tenant ID, client ID and client secret, then choose "Save and test".',
  'invalid-settings': 'Correct the setting named in the message and save again.',
  'invalid-payload': 'Reload the page; if it persists, the page and the app are out of step: reinstall the app.',
  'run-not-found': 'Runs are kept for the last 100; open a newer run from the History tab.',
  'run-in-progress': 'Wait for the running sync to finish (its progress is shown above), or cancel it.',
  'run-superseded': 'A newer run exists: preview again and approve that run if it is still held.',
  'run-already-resolved': 'Another admin already decided on this run: the page now shows the latest state.',
  'run-not-held': 'The run is no longer waiting for approval: the page now shows the latest state.',
  'invalid-cron': 'Use five fields: minute hour day-of-month month day-of-week, e.g. 0 */4 * * *.',
  'entra-group-not-found': 'The group was deleted or renamed in Entra: remove it from the scope and pick it again.',
  'runas-inactive': 'Choose an active site admin as the write identity (Connection tab), then save and test.',
  'runas-not-site-admin':
    'Make the account a site admin in admin.atlassian.com, or choose another account (Connection tab).',
  'jira-unauthorized':
    'Check the service account email and API token on the Connection tab; create a new token at id.atlassian.com if it was revoked.',
  'jira-permission-missing':
    'The write identity lacks site-admin rights: fix it on the Connection tab, then save and test.',
  'jira-quota-exhausted': 'Jira rate limits were reached: the run resumes on its own after the reset; try again later.',
  'graph-unauthorized': 'Check the tenant ID, client ID and client secret on the Connection tab, then save and test.',
  'graph-throttled': 'Microsoft Graph is throttling the app: try again in a few minutes.',
  'graph-unavailable': 'Microsoft Graph is unavailable right now: try again in a few minutes.',
  'network-error': 'Check that the site can reach Microsoft (egress) and try again.',
  'secret-missing': 'Enter the client secret on the Connection tab and save.',
  BRIDGE_ERROR: 'Reload the page. If it keeps failing, check your network connection.',
  BAD_RESPONSE: 'Reload the page: the app may have been updated since it was opened.',
  'internal-error': 'Try again. If it keeps failing, download the run log from History and contact support.',
};

export function fixFor(error: ErrorInfo): string | null {
  return FIXES[error.code as ErrorCode] ?? null;
}
