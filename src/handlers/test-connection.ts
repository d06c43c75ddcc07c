import type { AppDeps } from '../app-deps';
import { describeError } from '../core/errors';
import { configuredActor, connectEntra, connectJira, daysLeft, expiryWarning, refreshSecretExpiry } from '../engine';
import type { GraphPermission, PermissionReport } from '../ports/entra-directory';
import type { Settings } from '../settings/schema';
import type { ConnectionReport } from '../shared/resolver-contract';
import { resolverReads } from './resolver-reads';

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

type Entra = Awaited<ReturnType<typeof connectEntra>>;

/**
 * "Save and test" (settings given with a new secret are tested before anything is saved): proves the token, lists granted and missing Graph permissions with the fix for
 * each, and checks the write identity. Each part reports its own error instead of failing the whole.
 */
export async function testConnection(deps: AppDeps, settings: Settings): Promise<ConnectionReport> {
  const report: ConnectionReport = {
    token: { ok: false, error: null },
    permissions: [],
    secretExpiry: null,
    writeIdentity: { ok: false, accountId: null, displayName: null, error: null },
  };
  const reads = resolverReads(deps);
  let entra: Entra | undefined;
  try {
    entra = await connectEntra(deps, settings, reads, settings.clientSecret);
    await entra.verifyCredentials();
    report.token = { ok: true, error: null };
  } catch (error) {
    report.token = { ok: false, error: describeError(error) };
  }
  if (entra && report.token.ok) {
    Object.assign(report, await grantedPermissions(entra, settings));
    report.secretExpiry = await secretExpiryReport(deps, entra);
  }
  // Checked on its own: a missing client secret must not hide the write identity's health.
  report.writeIdentity = await writeIdentityReport(deps, settings, reads);
  return report;
}

/** Each permission the settings need, granted or missing with the fix; a failed check is the token's error. */
async function grantedPermissions(
  entra: Entra,
  settings: Settings,
): Promise<Pick<ConnectionReport, 'token' | 'permissions'>> {
  try {
    const granted = await entra.checkPermissions();
    const permissions = permissionRows(settings).map((p) => {
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
    return { token: { ok: true, error: null }, permissions };
  } catch (error) {
    return { token: { ok: true, error: describeError(error) }, permissions: [] };
  }
}

/** The client secret's expiry read now (and stored for the status), or why it cannot be read. */
async function secretExpiryReport(deps: AppDeps, entra: Entra): Promise<ConnectionReport['secretExpiry']> {
  try {
    const now = deps.clock.now();
    const expiry = await refreshSecretExpiry(deps.kv, entra, now, true);
    return {
      endDateTime: expiry.endDateTime,
      daysLeft: daysLeft(expiry, now),
      readable: expiry.readable,
      message: expiryWarning(expiry, now) ?? expiry.message,
    };
  } catch (error) {
    return { endDateTime: null, daysLeft: null, readable: false, message: describeError(error).message };
  }
}

/** Whether the write identity is an active site admin. */
async function writeIdentityReport(
  deps: AppDeps,
  settings: Settings,
  reads: ReturnType<typeof resolverReads>,
): Promise<ConnectionReport['writeIdentity']> {
  try {
    const apiToken = settings.writeAs.mode === 'apiToken' ? settings.writeAs.apiToken : undefined;
    const jira = await connectJira(deps, configuredActor(settings), reads, apiToken);
    const health = await jira.writeIdentityHealth();
    const who = health.displayName ?? health.accountId;
    const problem = !health.active
      ? { code: 'runas-inactive', message: `${who} is deactivated. Choose an active site admin.` }
      : !health.siteAdmin
        ? {
            code: 'runas-not-site-admin',
            message: `${who} is not a site admin. Make it one in admin.atlassian.com or choose another account.`,
          }
        : null;
    return { ok: problem === null, accountId: health.accountId, displayName: health.displayName, error: problem };
  } catch (error) {
    return { ok: false, accountId: null, displayName: null, error: describeError(error) };
  }
}
