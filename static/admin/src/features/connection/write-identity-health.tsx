import type { ConnectionReport } from '../../../../../src/shared/resolver-contract';
import { fixFor } from '../../error-fixes';
import { Lozenge } from '../../ui/lozenge';
import { useReadOnly } from '../access/read-only';

/** Whether the write identity can change Jira right now (active, site admin), from the last test. */
export function WriteIdentityHealth({ identity }: { identity: ConnectionReport['writeIdentity'] | null }) {
  const readOnly = useReadOnly();
  if (!identity) {
    return (
      <p className="field-hint">
        {readOnly
          ? 'Health unknown: a site admin can check with “Save and test” that the account is active and a site admin right now.'
          : 'Health unknown: choose “Save and test” to check that the account is active and a site admin right now.'}
      </p>
    );
  }
  const who = identity.displayName
    ? `${identity.displayName}${identity.accountId ? ` (${identity.accountId})` : ''}`
    : (identity.accountId ?? 'The write identity');
  return (
    <div className="health" role="status" aria-label="Write identity health">
      {identity.ok ? <Lozenge tone="success">Healthy</Lozenge> : <Lozenge tone="removed">Unhealthy</Lozenge>}
      <span>
        {identity.ok
          ? `${who} is active and a site admin: runs can change Jira.`
          : (identity.error?.message ?? `${who} cannot change Jira.`)}
      </span>
      {identity.error && (
        <>
          {fixFor(identity.error) && <p className="banner-fix">How to fix: {fixFor(identity.error)}</p>}
          <code className="error-code">{identity.error.code}</code>
        </>
      )}
    </div>
  );
}
