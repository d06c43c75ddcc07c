import type { EntraUser } from '../../../core/model';
import type { SnapshotMeta } from '../../state/snapshot';
import type { StepContext } from '../../run/context';
import { membershipNow, usersNow } from './entra-now';

/** What an incremental run's Entra reads changed, against the stored state it continues from. */
export interface ChangesNow {
  /** Users the delta rounds or the groups read again changed. */
  changed: Set<string>;
  /** Deleted users the run counts (in a chosen group, or scope `all`). */
  removedIds: Set<string>;
  /** The changed users as stored before this run. */
  stored: Map<string, EntraUser>;
  /** The changed users as they are now (deleted users left out). */
  current: Map<string, EntraUser>;
  /** Whether a chosen group holds a changed user now (at any depth). */
  holds: (rootId: string, entraId: string) => boolean;
}

/** A snapshot saved before the user index: the whole stored membership and the changed users' records are read. */
export async function changesByWholeState(ctx: StepContext, meta: SnapshotMeta): Promise<ChangesNow> {
  const now = await membershipNow(ctx, meta);
  const { stored, current } = await usersNow(ctx, meta, now, now.changed);
  return {
    changed: now.changed,
    removedIds: now.removedIds,
    stored,
    current,
    holds: (rootId, entraId) => now.members.get(rootId)?.has(entraId) ?? false,
  };
}
