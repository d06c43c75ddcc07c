import { SyncError } from '../core/errors';
import type { AppDeps } from '../app-deps';
import { configuredActor } from '../engine';
import type { Settings } from '../settings/schema';
import { protectedMappingRefusal } from '../settings/protected-mapping';

/**
 * Saving a mapping to a protected Jira group is refused at save, with the reason at the field,
 * instead of being accepted and skipped at every run. The schema refuses the standard names; this
 * asks Jira which groups grant admin or product access. A lookup that fails refuses the save:
 * protection fails closed.
 */
export async function refuseProtectedMappings(
  deps: AppDeps,
  settings: Settings,
  reads: Parameters<AppDeps['directories']['jira']>[2],
): Promise<void> {
  const mapping = settings.groups.mapping;
  if (mapping.length === 0) return;
  // Group reads go through the app's own identity: no write identity or token is needed.
  const jira = deps.directories.jira(configuredActor(settings), undefined, reads);
  let found;
  try {
    found = await jira.groupsByName(mapping.map((m) => m.jiraGroup));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new SyncError(
      'protection-check-failed',
      `Settings not saved: the app could not check whether the mapped Jira groups are protected (${why}). Try again.`,
      { cause: error },
    );
  }
  const byName = new Map(found.map((g) => [g.name.toLowerCase(), g]));
  const fields = mapping.flatMap((m, i) => {
    const group = byName.get(m.jiraGroup.toLowerCase());
    const refusal = group?.protected
      ? protectedMappingRefusal(group.name, group.access ?? 'admin', settings.groups.allowProductAccessGroups)
      : null;
    return refusal ? [{ path: `groups.mapping.${i}.jiraGroup`, message: refusal }] : [];
  });
  if (fields.length > 0)
    throw new SyncError('invalid-settings', `Settings not saved: ${fields.map((f) => f.message).join('; ')}.`, {
      fields,
    });
}
