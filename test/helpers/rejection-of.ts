/** What a rejected call of the app's adapters carries (a SyncError, or any Error). */
export type Rejection = Error & { code?: string; retryable?: boolean; retryAfterSeconds?: number };

/** The rejection of `promise` (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Rejection> {
  try {
    await promise;
  } catch (error) {
    return error as Rejection;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
