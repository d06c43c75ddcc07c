import { isSyncError, SyncError } from '../../core/errors';
import { PENDING_ACCOUNT_PREFIX } from '../../core/plan';
import { loadLinks, saveLinks } from '../user-links';
import { overwriteChunk, readChunk } from '../chunked-list';
import { loadRegistry, registerGroup } from '../group-registry';
import type { PlannedOperation } from '../planned-operation';
import type { StepContext } from '../step-context';
import { RUN_DATA_TTL_SECONDS, STORAGE_KEYS } from '../storage-keys';

/** Errors that stop the whole run (the write identity cannot write); anything else fails one operation. */
const RUN_STOPPING_CODES = new Set(['runas-not-site-admin', 'runas-inactive', 'token-invalid', 'jira-unauthorized', 'jira-quota-exhausted']);

/**
 * Applies up to one batch of planned operations in plan order (creates, adds, removals), saving
 * each result in the plan before moving on. Operations are idempotent, so a batch repeated after a
 * crash changes nothing twice.
 */
export async function applyUnit(ctx: StepContext): Promise<'more' | 'done'> {
  const { run, deps, jira } = ctx;
  const cursor = run.cursor;
  if (cursor.applyChunk >= run.planChunks) return 'done';
  const prefix = STORAGE_KEYS.runData(run.summary.id, 'plan');
  const chunk = await readChunk<PlannedOperation>(deps.kv, prefix, cursor.applyChunk);
  if (!chunk) throw new Error(`Plan chunk ${cursor.applyChunk} of run ${run.summary.id} is missing`);

  const end = Math.min(chunk.length, cursor.applyIndex + deps.limits.applyBatchSize);
  let registry = await loadRegistry(deps.kv);
  const groupIdByName = (name: string): string | undefined => Object.entries(registry).find(([, e]) => e.name.toLowerCase() === name.toLowerCase())?.[0];
  try {
    for (; cursor.applyIndex < end; cursor.applyIndex++) {
      const op = chunk[cursor.applyIndex] as PlannedOperation;
      if (op.result !== 'planned') continue;
      try {
        if (op.op === 'createGroup') {
          const created = await jira.createGroup(op.group);
          await registerGroup(deps.kv, created.groupId, { name: created.name, entraGroupId: op.entraGroupId, since: deps.clock.now(), createdByApp: true });
          registry = await loadRegistry(deps.kv);
        } else if (op.op === 'createUser') {
          const created = await jira.createUser(op.email, run.settings.users.products);
          await saveLinks(deps.kv, await loadLinks(deps.kv), new Map([[op.entraId, created.accountId]]));
        } else if (op.op === 'addMember') {
          const groupId = op.groupId ?? groupIdByName(op.group);
          if (!groupId) throw new Error(`Group ${op.group} was not created`);
          const accountId = op.accountId.startsWith(PENDING_ACCOUNT_PREFIX) ? (await loadLinks(deps.kv)).get(op.entraId) : op.accountId;
          if (!accountId) throw new SyncError('user-not-created', `The account for ${op.email ?? op.entraId} was not created, so it cannot be added to ${op.group}.`);
          await jira.addMember(groupId, accountId);
        } else if (op.op === 'removeMember') {
          await jira.removeMember(op.groupId, op.accountId);
        }
        op.result = 'applied';
      } catch (error) {
        if (isSyncError(error) && (error.retryable || RUN_STOPPING_CODES.has(error.code))) throw error;
        op.result = 'failed';
        op.error = isSyncError(error) ? error.toJSON() : { code: 'internal-error', message: error instanceof Error ? error.message : String(error) };
        run.summary.counts.failed++;
      }
    }
  } finally {
    await overwriteChunk(deps.kv, prefix, cursor.applyChunk, chunk, RUN_DATA_TTL_SECONDS);
  }
  run.summary.progress = { done: run.summary.progress.done + 1, total: run.summary.progress.total };
  if (cursor.applyIndex >= chunk.length) {
    cursor.applyChunk++;
    cursor.applyIndex = 0;
  }
  return cursor.applyChunk >= run.planChunks ? 'done' : 'more';
}
