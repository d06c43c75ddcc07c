import EmptyState from '@atlaskit/empty-state';
import type { ErrorInfo } from '../../../../../src/shared/resolver-contract';
import { fixFor } from '../../error-fixes';

/** The whole page for someone who may not use it: why, and what to do; no half-working tabs. */
export function AccessRefused({ error }: { error: ErrorInfo }) {
  return (
    <section className="refusal" aria-label="Access">
      <EmptyState
        header="You can’t use Entra Sync"
        headingLevel={2}
        description={
          <>
            {error.message} {fixFor(error) ?? 'Ask a Jira site admin for access.'} (Code: <code>{error.code}</code>)
          </>
        }
      />
    </section>
  );
}
