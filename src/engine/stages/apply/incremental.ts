import type { ApplyCursor } from '../../run/cursor';
import { stageCursor } from '../../run/cursor';
import type { Stage } from '../stage';
import { applyUnit } from './full';
import { checkWriteIdentity } from './write-identity';

/**
 * Applies the plan of an incremental run. Such a run checks the write identity only now that it
 * has something to write (most incremental runs plan nothing), then applies as a full run does.
 */
export const applyIncremental: Stage = {
  start: (): ApplyCursor => ({ phase: 'apply', chunk: 0, index: 0, writerChecked: false }),
  unit: async (ctx) => {
    const cursor = stageCursor(ctx.run, 'apply');
    if (!cursor.writerChecked) {
      await checkWriteIdentity(ctx);
      cursor.writerChecked = true;
    }
    return applyUnit(ctx);
  },
};
