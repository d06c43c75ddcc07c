import type { AppDeps } from '../app-deps';
import { describeError } from '../core/errors';
import { configuredActor, connectEntra, connectJira, daysLeft, expiryWarning, refreshSecretExpiry } from '../engine';
import type { GraphPermission, PermissionReport } from '../ports/entra-directory';
import type { Settings } from '../settings/schema';
import type { ConnectionReport } from '../shared/resolver-contract';

const GRANT_PATH =
  'Entra admin center → App registrations → your app → API permissions → Add a permission → Microsoft Graph → Application permissions';

// Graph lets an app subscribe to group changes with Group.Read.All (or a broader role), not GroupMember.Read.All
// (change-notifications-facts.md §1); no read tells them apart, so the token's roles decide.
const SUBSCRIBE_TO_GROUPS = ['Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

function permissionRows(settings: Settings): Array<{
  permission: GraphPermission;
  neededFor: string;
  required: boolean;
  granted: (r: PermissionReport) => boolean;
}> {
  const nearRealTime = settings.notifications.enabled;
  return [
    {
      permission: 'User.Read.All',
      neededFor: 'reading users and their mail and UPN',
      required: true,
      granted: (r) => r.canReadUsers,
    },
    {
      permission: 'GroupMember.Read.All',
      neededFor: 'reading groups and nested members',
      required: true,
      granted: (r) => r.canReadGroupMembers,
    },
    {
      permission: 'Group.Read.All',
      neededFor: `near-real-time updates: change notifications on groups${nearRealTime ? '' : ' (optional while they are off)'}`,
      required: nearRealTime,
      granted: (r) => r.canReadGroupMembers && r.tokenRoles.some((role) => SUBSCRIBE_TO_GROUPS.includes(role)),
    },
    {
      permission: 'Application.Read.All',
      neededFor: 'warning before the client secret expires (optional)',
      required: false,
      granted: (r) => r.canReadApplications,
    },
  ];
}

/**
 * "Save and test" (settings given with a new secret are tested before anything is saved): proves the token, lists granted and missing Graph permissions with the fix for
 * each, and checks the write identity. Each part reports its own error instead of failing the whole.
 */
// eslint-disable-next-line max-lines-per-function -- to split (issue 16); over 60 lines once formatted
export async function testConnection(deps: AppDeps, settings: Settings): Promise<ConnectionReport> {
  const deadline = deps.clock.now() + deps.resolverBudgetMs;
  const options = { deadline: () => deadline, lowPriority: false, onCall: () => undefined };
  const report: ConnectionReport = {
    token: { ok: false, error: null },
    permissions: [],
    secretExpiry: null,
    writeIdentity: { ok: false, accountId: null, displayName: null, error: null },
  };
  let entra;
  try {
    entra = await connectEntra(deps, settings, options, settings.clientSecret);
    await entra.verifyCredentials();
    report.token = { ok: true, error: null };
  } catch (error) {
    report.token = { ok: false, error: describeError(error) };
  }
  if (entra && report.token.ok) {
    try {
      const granted = await entra.checkPermissions();
      report.permissions = permissionRows(settings).map((p) => {
        const ok = p.granted(granted);
        return {
          permission: p.permission,
          granted: ok,
          optional: !p.required,
          neededFor: p.neededFor,
          fix: ok
            ? null
            : `Add ${p.permission} in ${GRANT_PATH}, then select "Grant admin consent".${p.required ? '' : ' Optional.'}`,
        };
      });
    } catch (error) {
      report.token = { ok: true, error: describeError(error) };
    }
    try {
      const now = deps.clock.now();
      const expiry = await refreshSecretExpiry(deps.kv, entra, now, true);
      report.secretExpiry = {
        endDateTime: expiry.endDateTime,
        daysLeft: daysLeft(expiry, now),
        readable: expiry.readable,
        message: expiryWarning(expiry, now) ?? expiry.message,
      };
    } catch (error) {
      report.secretExpiry = {
        endDateTime: null,
        daysLeft: null,
        readable: false,
        message: describeError(error).message,
      };
    }
  }
  try {
    // Checked on its own: a missing client secret must not hide the write identity's health.
    const jira = await connectJira(
      deps,
      configuredActor(settings),
      options,
      settings.writeAs.mode === 'apiToken' ? settings.writeAs.apiToken : undefined,
    );
    const health = await jira.writeIdentityHealth();
    const problem = !health.active
      ? {
          code: 'runas-inactive',
          message: `${health.displayName ?? health.accountId} is deactivated. Choose an active site admin.`,
        }
      : !health.siteAdmin
        ? {
            code: 'runas-not-site-admin',
            message: `${health.displayName ?? health.accountId} is not a site admin. Make it one in admin.atlassian.com or choose another account.`,
          }
        : null;
    report.writeIdentity = {
      ok: problem === null,
      accountId: health.accountId,
      displayName: health.displayName,
      error: problem,
    };
  } catch (error) {
    report.writeIdentity = { ...report.writeIdentity, error: describeError(error) };
  }
  return report;
}
