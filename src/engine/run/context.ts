import type { EntraDirectory, EntraDirectoryExtras } from '../../ports/entra-directory';
import type { JiraDirectory } from '../../ports/jira-directory';
import { forEachChunk, readAllChunks, writeChunks } from '../state/chunked-list';
import type { EngineDeps } from './deps';
import type { RunRecord } from './record';
import { dataTtlSeconds, STORAGE_KEYS } from '../state/keys';

/** A unit's verdict: more of this phase, this phase is done (go to the next), or the run ends with a status. */
export type UnitResult = 'more' | 'done' | { end: RunRecord['summary']['status'] };

/** Everything one invocation of a run step works with. */
export interface StepContext {
  deps: EngineDeps;
  run: RunRecord;
  entra: EntraDirectory & EntraDirectoryExtras;
  jira: JiraDirectory;
  /** True while this invocation may start another unit of work. */
  hasBudget(): boolean;
}

/** Appends items to one kind of run data, advancing that kind's chunk counter in the cursor. */
export async function appendRunData<T>(
  ctx: Pick<StepContext, 'deps' | 'run'>,
  kind: string,
  items: readonly T[],
): Promise<void> {
  if (items.length === 0) return;
  const prefix = STORAGE_KEYS.runData(ctx.run.summary.id, kind);
  const next = await writeChunks(ctx.deps.kv, prefix, ctx.run.cursor.chunks[kind] ?? 0, items, dataTtlSeconds(kind));
  ctx.run.cursor.chunks[kind] = next;
}

export async function readRunData<T>(ctx: Pick<StepContext, 'deps' | 'run'>, kind: string): Promise<T[]> {
  return readAllChunks<T>(
    ctx.deps.kv,
    STORAGE_KEYS.runData(ctx.run.summary.id, kind),
    ctx.run.cursor.chunks[kind] ?? 0,
  );
}

/** Replaces one kind of run data entirely (small values such as the resolved targets). */
export async function replaceRunData<T>(
  ctx: Pick<StepContext, 'deps' | 'run'>,
  kind: string,
  items: readonly T[],
): Promise<void> {
  ctx.run.cursor.chunks[kind] = 0;
  await appendRunData(ctx, kind, items);
  ctx.run.cursor.chunks[kind] ??= 0;
}

/** Visits one kind of run data chunk by chunk (large reads in the plan phase). */
export async function forEachRunData<T>(
  ctx: Pick<StepContext, 'deps' | 'run'>,
  kind: string,
  visit: (items: T[]) => void,
): Promise<void> {
  await forEachChunk<T>(
    ctx.deps.kv,
    STORAGE_KEYS.runData(ctx.run.summary.id, kind),
    ctx.run.cursor.chunks[kind] ?? 0,
    visit,
  );
}
