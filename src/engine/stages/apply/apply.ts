import { isSyncError, RUN_STOPPING_CODES, SyncError } from '../../../core/errors';
import { PENDING_ACCOUNT_PREFIX } from '../../../core/plan';
import { ownedGroupIdByName, registerGroup } from '../../state/registry';
import type { PlannedOperation } from '../plan/planned-operation';
import type { StepContext } from '../../run/context';
import { RUN_DATA } from '../../run/run-data';
import { loadLinksOf, saveLinks } from '../../state/links';
import { inParallel } from '../../run/in-parallel';

/** A plan chunk, read once per invocation; apply records its results in the cached chunk itself. */
async function chunkOf(ctx: StepContext, chunkIndex: number): Promise<PlannedOperation[]> {
  const runId = ctx.run.summary.id;
  return ctx.cache.read(`plan-chunk:${runId}:${chunkIndex}`, async () => {
    const chunk = await RUN_DATA.plan.readChunk(ctx.deps.kv, runId, chunkIndex);
    if (!chunk) throw new Error(`Plan chunk ${chunkIndex} of run ${runId} is missing`);
    return chunk;
  });
}

/**
 * Applies one batch of plan chunk `chunkIndex` from position `from`, saving the chunk's results
 * (a small value, not the chunk); returns the position after the batch and the chunk's length.
 * Creates (groups, accounts) go first and one at a time, since adds depend on them; membership
 * changes then run with bounded concurrency. A batch interrupted by throttling or a crash is simply
 * run again: operations already applied are skipped and the rest are idempotent.
 */
export async function applyRange(
  ctx: StepContext,
  chunkIndex: number,
  from: number,
): Promise<{ next: number; length: number }> {
  const { run, deps } = ctx;
  const chunk = await chunkOf(ctx, chunkIndex);
  const end = Math.min(chunk.length, from + deps.limits.applyBatchSize);
  const batch = chunk.slice(from, end).filter((op) => op.result === 'planned');
  try {
    for (const op of batch.filter(isCreate)) await applyOne(ctx, op, new Map());
    const changes = batch.filter((op) => !isCreate(op));
    const created = await createdAccounts(ctx, changes);
    await inParallel(changes, deps.limits.applyConcurrency, (op) => applyOne(ctx, op, created));
  } finally {
    if (batch.length > 0) await RUN_DATA.plan.saveResults(deps.kv, run.summary.id, chunkIndex, chunk);
  }
  return { next: end, length: chunk.length };
}

function isCreate(op: PlannedOperation): boolean {
  return op.op === 'createGroup' || op.op === 'createUser';
}

/** The accounts created for the users these changes add, read together: one read per links bucket, not two per add. */
async function createdAccounts(
  ctx: StepContext,
  ops: readonly PlannedOperation[],
): Promise<ReadonlyMap<string, string>> {
  const pending = ops.flatMap((op) =>
    op.op === 'addMember' && op.accountId.startsWith(PENDING_ACCOUNT_PREFIX) ? [op.entraId] : [],
  );
  return pending.length > 0 ? loadLinksOf(ctx.deps.kv, pending, ctx.cache) : new Map();
}

/** Applies one operation and records its result; run-stopping and retryable errors are rethrown. */
async function applyOne(ctx: StepContext, op: PlannedOperation, created: ReadonlyMap<string, string>): Promise<void> {
  const { run, deps, jira } = ctx;
  try {
    if (op.op === 'createGroup') {
      const created = await jira.createGroup(op.group);
      await registerGroup(
        deps.kv,
        created.groupId,
        { name: created.name, entraGroupId: op.entraGroupId, since: deps.clock.now(), createdByApp: true },
        ctx.cache,
      );
    } else if (op.op === 'createUser') {
      const created = await jira.createUser(op.email, run.settings.users.products);
      await saveLinks(deps.kv, new Map([[op.entraId, created.accountId]]), ctx.cache);
    } else if (op.op === 'addMember') {
      const groupId = op.groupId ?? (await ownedGroupIdByName(ctx.cache, deps.kv, op.group));
      if (!groupId)
        throw new SyncError(
          'group-not-created',
          `Group ${op.group} was not created, so members cannot be added to it.`,
        );
      const accountId = op.accountId.startsWith(PENDING_ACCOUNT_PREFIX) ? created.get(op.entraId) : op.accountId;
      if (!accountId)
        throw new SyncError(
          'user-not-created',
          `The account for ${op.email ?? op.entraId} was not created, so it cannot be added to ${op.group}.`,
        );
      await jira.addMember(groupId, accountId);
    } else {
      await jira.removeMember(op.groupId, op.accountId);
    }
    op.result = 'applied';
  } catch (error) {
    if (isSyncError(error) && (error.retryable || RUN_STOPPING_CODES.has(error.code))) throw error;
    op.result = 'failed';
    op.error = isSyncError(error)
      ? error.toJSON()
      : { code: 'internal-error', message: error instanceof Error ? error.message : String(error) };
    run.summary.counts.failed++;
  }
}
