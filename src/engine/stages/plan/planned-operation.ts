import type { Operation } from '../../../core/plan';
import type { ChangeResult } from '../../../shared/resolver-contract';

/** An operation as stored in a run: the plan's decision and what became of it. */
export type PlannedOperation = Operation & { result: ChangeResult; error?: { code: string; message: string } };
