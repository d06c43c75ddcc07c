import { SyncError } from '../../../core/errors';
import type { StepContext } from '../../run/context';

/** The write identity must be active and a site admin before any change (design.md section 3). */
export async function checkWriteIdentity(ctx: StepContext): Promise<void> {
  const health = await ctx.jira.writeIdentityHealth();
  const who = health.displayName
    ? `${health.displayName} (${health.accountId})`
    : (health.accountId ?? 'the configured account');
  if (!health.active)
    throw new SyncError(
      'runas-inactive',
      `The write identity ${who} is deactivated. Choose another site admin on the admin page; nothing was changed.`,
    );
  if (!health.siteAdmin)
    throw new SyncError(
      'runas-not-site-admin',
      `The write identity ${who} is not a site admin, so Jira refuses group changes. Make it a site admin in admin.atlassian.com or choose another account; nothing was changed.`,
    );
}
