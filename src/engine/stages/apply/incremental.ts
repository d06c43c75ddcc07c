import type { ApplyCursor } from '../../run/cursor';
import { stageCursor } from '../../run/cursor';
import type { Stage } from '../stage';
import { applyUnit } from './full';
import { checkWriteIdentityUnlessTrusted, recheckAfterRefusal } from './write-identity';

/**
 * Applies the plan of an incremental run. Such a run checks the write identity only now that it
 * has something to write (most incremental runs plan nothing), and trusts an answer from the last
 * day; a write Jira refuses makes it ask again, then applies as a full run does.
 */
export const applyIncremental: Stage = {
  start: (): ApplyCursor => ({ phase: 'apply', chunk: 0, index: 0, writerChecked: false }),
  unit: async (ctx) => {
    const cursor = stageCursor(ctx.run, 'apply');
    if (!cursor.writerChecked) {
      await checkWriteIdentityUnlessTrusted(ctx);
      cursor.writerChecked = true;
    }
    try {
      return await applyUnit(ctx);
    } catch (error) {
      return recheckAfterRefusal(ctx, error);
    }
  },
};
