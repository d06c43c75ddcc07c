import { isSyncError, SyncError } from '../../../core/errors';
import type { StepContext } from '../../run/context';
import type { RunActor } from '../../run/record';
import { STORAGE_KEYS } from '../../state/keys';

/**
 * How long a healthy write identity is trusted without asking Jira again (incremental runs). Not a
 * safety window: a write Jira refuses in the meantime makes the run ask again at once
 * (`recheckAfterRefusal`), so losing site-admin rights still ends the run with the clear error.
 */
export const WRITE_IDENTITY_TRUSTED_MS = 24 * 3_600_000;

/** The last healthy answer, for the identity it was about (a changed identity is asked afresh). */
interface HealthyWriter {
  identity: string;
  checkedAt: number;
}

/** Errors a write gets when Jira no longer lets the write identity change groups (403, or 401 once deactivated). */
const REFUSED_WRITE_CODES = new Set(['runas-not-site-admin', 'jira-unauthorized']);

function identityOf(actor: RunActor): string {
  return actor.mode === 'apiToken' ? `apiToken:${actor.email.toLowerCase()}` : `runAsAdmin:${actor.accountId}`;
}

/**
 * The write identity must be active and a site admin before any change (design.md section 3).
 * `refused`: asked because Jira refused a write, so changes before it may have been applied.
 */
export async function checkWriteIdentity(ctx: StepContext, refused = false): Promise<void> {
  const health = await ctx.jira.writeIdentityHealth();
  const who = health.displayName
    ? `${health.displayName} (${health.accountId})`
    : (health.accountId ?? 'the configured account');
  const outcome = refused
    ? "Jira refused the run's changes from then on; any applied before stay applied"
    : 'nothing was changed';
  if (!health.active)
    throw new SyncError(
      'runas-inactive',
      `The write identity ${who} is deactivated. Choose another site admin on the admin page; ${outcome}.`,
    );
  if (!health.siteAdmin)
    throw new SyncError(
      'runas-not-site-admin',
      `The write identity ${who} is not a site admin, so Jira refuses group changes. Make it a site admin in admin.atlassian.com or choose another account; ${outcome}.`,
    );
  const healthy: HealthyWriter = { identity: identityOf(ctx.run.actor), checkedAt: ctx.deps.clock.now() };
  await ctx.deps.kv.set(STORAGE_KEYS.writeIdentityHealthy, healthy);
}

/** Asks Jira unless the same identity was found healthy within WRITE_IDENTITY_TRUSTED_MS; true when it asked. */
export async function checkWriteIdentityUnlessTrusted(ctx: StepContext): Promise<boolean> {
  const last = await ctx.deps.kv.get<HealthyWriter>(STORAGE_KEYS.writeIdentityHealthy);
  const now = ctx.deps.clock.now();
  if (
    last &&
    last.identity === identityOf(ctx.run.actor) &&
    now >= last.checkedAt &&
    now - last.checkedAt < WRITE_IDENTITY_TRUSTED_MS
  )
    return false;
  await checkWriteIdentity(ctx);
  return true;
}

/**
 * A write Jira refused as the write identity: the trusted answer is dropped and Jira asked again, so
 * the run ends with the clear reason (deactivated, not a site admin); else the refusal stands.
 */
export async function recheckAfterRefusal(ctx: StepContext, error: unknown): Promise<never> {
  if (!isSyncError(error) || !REFUSED_WRITE_CODES.has(error.code)) throw error;
  await ctx.deps.kv.delete(STORAGE_KEYS.writeIdentityHealthy);
  await checkWriteIdentity(ctx, true);
  throw error;
}
