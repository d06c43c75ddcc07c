import { describeError, isSyncError, RUN_STOPPING_CODES, SyncError } from '../../../src/core/errors';

describe('SyncError', () => {
  it('carries its code, retry hints and fields, and says so in JSON only when it has fields', () => {
    const cause = new Error('inner');
    const error = new SyncError('jira-rate-limited', 'Slow down.', { retryable: true, retryAfterSeconds: 7, cause });
    expect(error).toMatchObject({
      name: 'SyncError',
      code: 'jira-rate-limited',
      message: 'Slow down.',
      retryable: true,
      retryAfterSeconds: 7,
      fields: undefined,
    });
    expect(error.cause).toBe(cause);
    expect(error.toJSON()).toEqual({ code: 'jira-rate-limited', message: 'Slow down.' });
    const invalid = new SyncError('invalid-settings', 'Bad.', { fields: [{ path: 'a', message: 'b' }] });
    expect(invalid.toJSON()).toEqual({
      code: 'invalid-settings',
      message: 'Bad.',
      fields: [{ path: 'a', message: 'b' }],
    });
  });

  it('is retried as its code says unless told, and has no cause unless told', () => {
    const error = new SyncError('invalid-settings', 'y');
    expect(error.retryable).toBe(false);
    expect(new SyncError('graph-unavailable', 'y').retryable).toBe(true);
    expect(new SyncError('graph-unavailable', 'y', { retryable: false }).retryable).toBe(false);
    expect(error.retryAfterSeconds).toBeUndefined();
    expect('cause' in error).toBe(false);
  });
});

describe('isSyncError', () => {
  it.each([
    [new SyncError('run-not-found', 'b'), true],
    [Object.assign(new Error('m'), { name: 'SyncError', code: 'c' }), true],
    [Object.assign(new Error('m'), { name: 'SyncError' }), false],
    [Object.assign(new Error('m'), { code: 'c' }), false],
    [{ name: 'SyncError', code: 'c', message: 'm' }, false],
    [null, false],
  ])('%o → %s', (value, expected) => {
    expect(isSyncError(value)).toBe(expected);
  });
});

describe('describeError', () => {
  it('passes a SyncError through', () => {
    expect(describeError(new SyncError('run-not-found', 'b'))).toEqual({ code: 'run-not-found', message: 'b' });
  });

  it('hides the message of anything else behind a generic one naming its kind', () => {
    expect(describeError(new TypeError('secret internals at key x'))).toEqual({
      code: 'internal-error',
      message:
        "An unexpected error (TypeError) stopped this operation. Try again; if it persists, the app's logs have the details.",
    });
    expect(describeError('text')).toEqual({
      code: 'internal-error',
      message:
        "An unexpected error (string) stopped this operation. Try again; if it persists, the app's logs have the details.",
    });
  });
});

describe('codes that stop a run', () => {
  it('are exactly those whose write identity or credentials cannot write, or the spent points quota', () => {
    expect([...RUN_STOPPING_CODES].sort()).toEqual([
      'jira-quota-exhausted',
      'jira-unauthorized',
      'runas-inactive',
      'runas-not-site-admin',
      'token-invalid',
    ]);
  });
});
