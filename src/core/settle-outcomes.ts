import type { UserOutcome } from './plan-types';

/** What became of one planned change, as far as a user's outcome is concerned. */
export interface ChangeFate {
  op: 'createGroup' | 'createUser' | 'addMember' | 'removeMember';
  group: string;
  result: 'applied' | 'planned' | 'failed' | 'skipped';
  error?: { code: string; message: string };
}

const VERB: Record<ChangeFate['op'], string> = {
  createGroup: 'creating group',
  createUser: 'creating the account for',
  addMember: 'adding to',
  removeMember: 'removing from',
};

/**
 * A user's outcome once the run has ended: the plan said what was meant to happen; a change of
 * theirs that failed, or that the run never reached, makes the outcome `failed` with the reason,
 * so the run log, the report and "Explain a user" tell the same story as the changes list.
 * Settling an already settled outcome changes nothing (a retried step may settle twice).
 */
/** `fates` are the results of this user's changes. */
export function settleOutcome(user: UserOutcome, fates: readonly ChangeFate[]): UserOutcome {
  if (user.outcome === 'failed') return user;
  const undone = fates.filter((f) => f.result === 'failed' || f.result === 'planned');
  if (undone.length === 0) return user;
  const why = undone.map((f) =>
    f.result === 'failed'
      ? `${capitalised(VERB[f.op])} ${f.group} failed (${f.error?.code ?? 'unknown-error'}: ${f.error?.message ?? 'no reason given'}).`
      : `The run stopped before ${VERB[f.op]} ${f.group}.`,
  );
  return { ...user, outcome: 'failed', reason: `${why.join(' ')} Planned: ${user.reason}` };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
