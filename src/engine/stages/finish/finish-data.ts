import type { ChangeFate } from '../../../core/settle-outcomes';

/** A change of a user's that failed or was never reached: their outcome is settled against it. */
export type UndoneChange = ChangeFate & { entraId: string };

/** One chosen group's stored member pages as the scan has seen them so far: its chunk range, users and nested groups. */
export interface SeenGroup {
  rootId: string;
  from: number;
  to: number;
  members: number;
  groupIds: string[];
}
