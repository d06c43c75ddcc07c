import type { Clock } from '../../ports/clock';
import type { HttpFetch } from '../../ports/http';

/** What every client of Microsoft's services (sign-in and Graph) is given. */
export interface GraphCallOptions {
  fetch: HttpFetch;
  clock: Clock;
  /** Epoch ms after which no retry wait is started in this invocation (see send-with-retry). */
  deadline?: () => number;
  /** Counts each request ('token' to sign-in, 'graph' to the API) and each throttled answer. */
  onCall?: (kind: 'graph' | 'token' | 'throttled') => void;
}
