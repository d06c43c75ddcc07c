import type { AppDeps } from '../app-deps';
import { describeError, SyncError } from '../core/errors';
import type { Envelope, ResolverName } from '../shared/resolver-contract';
import { resolverHandlers } from './resolver-handlers';
import { NEEDS_SITE_ADMIN, resolverPayloads } from './resolver-payloads';

export interface Caller {
  accountId: string | undefined;
}

/**
 * The admin page's resolvers. Each call re-checks on the server who is calling (a Jira admin to
 * read, a site admin to change or run), validates its payload, and answers with an envelope:
 * errors never escape as exceptions and never carry a secret.
 */
export function createAdminResolvers(
  deps: AppDeps,
): (name: string, payload: unknown, caller: Caller) => Promise<Envelope<unknown>> {
  const handlers = resolverHandlers(deps);
  return async (name, payload, caller) => {
    try {
      if (!Object.hasOwn(handlers, name))
        throw new SyncError('unknown-resolver', `There is no resolver named ${String(name).slice(0, 64)}.`);
      const key = name as ResolverName;
      const accountId = await checkCaller(deps, key, caller);
      const handler = handlers[key] as (p: unknown, c: { accountId: string }) => Promise<unknown>;
      return { ok: true, data: await handler(parsePayload(key, payload), { accountId }) };
    } catch (error) {
      const described = describeError(error);
      if (described.code === 'internal-error')
        deps.log?.(
          `Resolver ${String(name).slice(0, 64)} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      return { ok: false, error: described };
    }
  };
}

/** The caller's account when signed in and allowed: a Jira admin to read, a site admin to change or run. */
async function checkCaller(deps: AppDeps, key: ResolverName, caller: Caller): Promise<string> {
  const deadline = deps.clock.now() + deps.resolverBudgetMs;
  if (!caller.accountId) throw new SyncError('not-signed-in', 'Sign in to Jira to use this page.');
  const permissions = await deps.callerPermissions(caller.accountId, () => deadline);
  if (!permissions.jiraAdmin) throw new SyncError('forbidden', 'Only Jira administrators can use Entra Sync.');
  if (NEEDS_SITE_ADMIN.has(key) && !permissions.siteAdmin)
    throw new SyncError('forbidden', 'Only site admins can change Entra Sync settings or run a sync.');
  return caller.accountId;
}

/** The payload parsed for its resolver; input that breaks the parser itself (e.g. absurd nesting) is refused, not thrown. */
function parsePayload(key: ResolverName, payload: unknown): unknown {
  let parsed;
  try {
    parsed = resolverPayloads[key].safeParse(payload ?? {});
  } catch {
    throw new SyncError('invalid-payload', 'The request is not valid: it is too large or too deeply nested.');
  }
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'payload', message: i.message }));
  throw new SyncError(
    'invalid-payload',
    `The request is not valid: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}.`,
    { fields },
  );
}
