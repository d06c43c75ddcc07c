import type { EntraDirectory, EntraDirectoryExtras } from '../../ports/entra-directory';
import type { JiraDirectory } from '../../ports/jira-directory';
import type { EngineDeps } from './deps';
import type { InvocationCache } from './invocation-cache';
import type { RunRecord } from './record';

/** A unit's verdict: more of this phase, this phase is done (go to the next), or the run ends with a status. */
export type UnitResult = 'more' | 'done' | { end: RunRecord['summary']['status'] };

/** Everything one invocation of a run step works with. */
export interface StepContext {
  deps: EngineDeps;
  run: RunRecord;
  entra: EntraDirectory & EntraDirectoryExtras;
  jira: JiraDirectory;
  /** What this invocation has read from storage, read once and kept current by its own writes. */
  cache: InvocationCache;
  /** True while this invocation may start another unit of work. */
  hasBudget(): boolean;
}
