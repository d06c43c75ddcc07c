import { SyncError } from '../../core/errors';
import type { Clock } from '../../ports/clock';
import type { HttpFetch, HttpResponse } from '../../ports/http';
import { sendWithRetry } from '../http/send-with-retry';
import type { ConcurrencyLimit } from './concurrency-limit';
import type { FailureContext, JiraChannel } from './jira-failure';
import { invalidResponse, jiraErrorText, jiraFailure } from './jira-failure';
import { isQuotaExhausted, jiraRetryVerdict, quotaRetryAfterSeconds } from './jira-rate-limit';
import type { JiraWriteIdentity } from './write-identity';

export type JiraCallKind = 'read' | 'write' | 'throttled';

export interface JiraHttpOptions {
  fetch: HttpFetch;
  channel: JiraChannel;
  clock: Clock;
  limit: ConcurrencyLimit;
  deadline?: () => number;
  onCall?: (kind: JiraCallKind) => void;
  writeIdentity?: JiraWriteIdentity;
}

export interface JiraAnswer {
  status: number;
  /** Parsed JSON; undefined for an empty body. */
  body: unknown;
  /** Jira's error messages when the status was an accepted failure. */
  errorText: string;
}

export interface JiraHttp {
  /**
   * Sends one call with retries. A 2xx, or a status listed in `accept`, is returned; any other
   * outcome throws a SyncError.
   */
  send(method: string, path: string, options?: { body?: unknown; accept?: readonly number[] }): Promise<JiraAnswer>;
}

/** One identity's channel to Jira: bounded in flight, retried through sendWithRetry, errors translated. */
export function createJiraHttp(options: JiraHttpOptions): JiraHttp {
  return {
    async send(method, path, { body, accept = [] } = {}) {
      const context: FailureContext = { channel: options.channel, method, path, writeIdentity: options.writeIdentity };
      const init = {
        method,
        headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      };
      const attempt = async (): Promise<HttpResponse> => {
        options.onCall?.(options.channel);
        const response = await options.limit(() => options.fetch(path, init));
        if (response.status === 429) options.onCall?.('throttled');
        return response;
      };
      const response = await sendWithRetry(
        attempt,
        jiraRetryVerdict(method),
        { clock: options.clock, deadline: options.deadline },
        `Jira ${method} ${path.split('?')[0]}`,
      );
      const text = await response.text();
      if (isQuotaExhausted(response)) {
        const retryAfterSeconds = quotaRetryAfterSeconds(response, options.clock.now());
        const reason = response.headers.get('ratelimit-reason') ?? '';
        throw new SyncError(
          'jira-quota-exhausted',
          `Jira's hourly API quota is used up (${reason}); the run pauses for ${retryAfterSeconds} s until it resets and then continues.`,
          {
            retryable: true,
            retryAfterSeconds,
          },
        );
      }
      const ok = response.status >= 200 && response.status < 300;
      if (!ok && !accept.includes(response.status)) throw jiraFailure(response.status, text, context);
      return {
        status: response.status,
        body: ok ? parseJson(text, context) : undefined,
        errorText: ok ? '' : jiraErrorText(text),
      };
    },
  };
}

function parseJson(text: string, context: FailureContext): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidResponse(context, 'a body that is not JSON');
  }
}
