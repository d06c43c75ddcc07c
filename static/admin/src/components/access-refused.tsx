import type { ErrorInfo } from '../../../../src/shared/resolver-contract';
import { fixFor } from '../error-fixes';

/** The whole page for someone who may not use it: why, and what to do; no half-working tabs. */
export function AccessRefused({ error }: { error: ErrorInfo }) {
  return (
    <section className="refusal" aria-labelledby="refusal-title">
      <h2 id="refusal-title">You can’t use Entra Sync</h2>
      <p>{error.message}</p>
      <p className="muted">{fixFor(error) ?? 'Ask a Jira site admin for access.'}</p>
      <p className="muted small">
        Code: <code>{error.code}</code>
      </p>
    </section>
  );
}
