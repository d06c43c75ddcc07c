import type { ErrorCode } from '../../core/errors';
import { isSyncError, SyncError } from '../../core/errors';
import type { Clock } from '../../ports/clock';
import type { HttpResponse } from '../../ports/http';
import type { BackoffPolicy } from './retry-timing';
import { DEFAULT_BACKOFF, backoffDelayMs, parseRetryAfterMs } from './retry-timing';

export interface RetryOptions {
  clock: Clock;
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  policy?: BackoffPolicy;
  random?: () => number;
  /**
   * Epoch ms by which this invocation must be done waiting. A wait that would pass it is not
   * slept: the call throws a retryable SyncError so the runner checkpoints and continues later.
   */
  deadline?: () => number;
  /** Called before each wait (for counting 429s and logging). */
  onRetry?: (info: { status: number | null; attempt: number; delayMs: number }) => void;
}

export interface RetryVerdict {
  retry: boolean;
  /** Error code to throw when the wait cannot happen in this invocation. */
  code?: ErrorCode;
}

/**
 * Sends a request, retrying while `classify` says so. Returns the last response (which may still be
 * an error status for the caller to translate). Network failures are retried, then thrown as
 * `network-error`.
 */
export async function sendWithRetry(
  send: () => Promise<HttpResponse>,
  classify: (response: HttpResponse) => RetryVerdict,
  options: RetryOptions,
  describe: string,
): Promise<HttpResponse> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    let response: HttpResponse | null = null;
    let networkError: unknown = null;
    try {
      response = await send();
    } catch (error) {
      // A SyncError from the transport is a verdict (e.g. Forge refused the identity), not a network failure.
      if (isSyncError(error)) throw error;
      networkError = error;
    }
    const verdict: RetryVerdict = response === null ? { retry: true, code: 'network-error' } : classify(response);
    if (!verdict.retry) return response as HttpResponse;

    const serverDelay =
      response === null ? undefined : parseRetryAfterMs(response.headers.get('retry-after'), options.clock.now());
    const delayMs = serverDelay ?? backoffDelayMs(attempt, options.policy ?? DEFAULT_BACKOFF, options.random);
    const code = verdict.code ?? 'service-unavailable';
    const retryAfterSeconds = Math.max(1, Math.ceil(delayMs / 1000));
    if (attempt >= maxAttempts) {
      if (response === null) {
        throw new SyncError(
          'network-error',
          `${describe} could not reach the service: ${errorText(networkError)}. Check the network and try again.`,
          {
            retryable: true,
            retryAfterSeconds,
            cause: networkError,
          },
        );
      }
      throw new SyncError(code, `${describe} still failed with HTTP ${response.status} after ${attempt} attempts.`, {
        retryable: true,
        retryAfterSeconds,
      });
    }
    if (options.deadline && options.clock.now() + delayMs > options.deadline()) {
      throw new SyncError(
        code,
        `${describe} was asked to wait ${retryAfterSeconds} s, longer than this invocation has left; the run continues later.`,
        {
          retryable: true,
          retryAfterSeconds,
        },
      );
    }
    options.onRetry?.({ status: response?.status ?? null, attempt, delayMs });
    await options.clock.sleep(delayMs);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
