import type { UserOutcome } from '../../../src/core/plan';
import type { ChangeFate } from '../../../src/core/settle-outcomes';
import { settleOutcome } from '../../../src/core/settle-outcomes';

const added: UserOutcome = {
  entraId: 'u1',
  displayName: 'Ann',
  identifier: 'ann@contoso.com',
  outcome: 'added',
  reason: 'Added to eng, ops.',
  accountId: 'a1',
  groups: ['eng', 'ops'],
};
const fate = (overrides: Partial<ChangeFate>): ChangeFate => ({
  op: 'addMember',
  group: 'eng',
  result: 'applied',
  ...overrides,
});

describe('settleOutcome', () => {
  it('leaves a user whose changes were all applied or skipped as planned', () => {
    expect(settleOutcome(added, [fate({}), fate({ group: 'ops', op: 'removeMember', result: 'skipped' })])).toBe(added);
    expect(settleOutcome(added, [])).toBe(added);
  });

  it("makes a failed change the outcome, with Jira's answer and what was planned", () => {
    const settled = settleOutcome(added, [
      fate({}),
      fate({ group: 'ops', result: 'failed', error: { code: 'jira-bad-request', message: 'No.' } }),
    ]);
    expect(settled).toEqual({
      ...added,
      outcome: 'failed',
      reason: 'Adding to ops failed (jira-bad-request: No.). Planned: Added to eng, ops.',
    });
  });

  it('names a change the run never reached', () => {
    expect(settleOutcome(added, [fate({ result: 'planned', op: 'removeMember' })]).reason).toBe(
      'The run stopped before removing from eng. Planned: Added to eng, ops.',
    );
  });

  it('says each failure, in order, and copes with a failure without an error', () => {
    const settled = settleOutcome(added, [
      fate({ op: 'createUser', result: 'failed' }),
      fate({ group: 'ops', op: 'createGroup', result: 'planned' }),
    ]);
    expect(settled.reason).toBe(
      'Creating the account for eng failed (unknown-error: no reason given). The run stopped before creating group ops. Planned: Added to eng, ops.',
    );
  });

  it('settles only once', () => {
    const once = settleOutcome(added, [fate({ result: 'failed' })]);
    expect(settleOutcome(once, [fate({ result: 'failed' })])).toBe(once);
  });
});
