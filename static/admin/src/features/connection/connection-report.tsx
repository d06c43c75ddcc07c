import { DataTable } from '../../ui/data-table';
import type { ConnectionReport, StatusView } from '../../../../../src/shared/resolver-contract';
import { Banner } from '../../ui/banner';
import { Lozenge } from '../../ui/lozenge';
import { SecretExpiry } from './secret-expiry';

/**
 * What "Save and test" found: the token, each Graph permission, the write identity and the client
 * secret's expiry (read by the test; `fallbackExpiry`, from the last run, when the test could not).
 */
export function ConnectionReportView({
  report,
  fallbackExpiry,
}: {
  report: ConnectionReport;
  fallbackExpiry: StatusView['secretExpiry'];
}) {
  const { token, permissions, writeIdentity } = report;
  const missing = permissions.filter((p) => !p.granted && !p.optional).length;
  const allGood = token.ok && missing === 0 && writeIdentity.ok;
  return (
    <div className="report" aria-label="Connection test result">
      {allGood ? (
        <Banner kind="success" title="Connection works">
          <p>The token was issued, every required permission is granted and the write identity can make changes.</p>
        </Banner>
      ) : (
        <Banner kind="warning" title="The connection needs attention">
          <p>
            Found:{' '}
            {[
              !token.ok && 'the token was refused',
              missing > 0 && `${missing} required Graph permission${missing === 1 ? ' is' : 's are'} missing`,
              !writeIdentity.ok && 'the write identity cannot change Jira',
            ]
              .filter(Boolean)
              .join('; ')}
            . Fix the items marked below, then choose “Save and test” again.
          </p>
        </Banner>
      )}
      <dl className="report-list">
        <div className="report-item">
          <dt>Microsoft Graph token</dt>
          <dd>
            {token.ok ? <Lozenge tone="success">Issued</Lozenge> : <Lozenge tone="removed">Refused</Lozenge>}
            {token.error && (
              <span className="report-detail">
                {token.error.message} <code className="error-code">{token.error.code}</code>
              </span>
            )}
          </dd>
        </div>
        <div className="report-item">
          <dt>Jira write identity</dt>
          <dd>
            {writeIdentity.ok ? <Lozenge tone="success">Ready</Lozenge> : <Lozenge tone="removed">Not usable</Lozenge>}
            <span className="report-detail">
              {writeIdentity.displayName ?? writeIdentity.accountId ?? ''}
              {writeIdentity.displayName && writeIdentity.accountId ? ` (${writeIdentity.accountId})` : ''}
            </span>
            {writeIdentity.error && (
              <span className="report-detail report-detail-block">
                {writeIdentity.error.message} <code className="error-code">{writeIdentity.error.code}</code>
              </span>
            )}
          </dd>
        </div>
        <SecretExpiry expiry={report.secretExpiry ?? fallbackExpiry} />
      </dl>
      <h3 className="subheading">Graph permissions</h3>
      {permissions.length === 0 ? (
        <p className="empty">
          {token.ok ? 'No permissions were reported.' : 'Permissions can be checked once a token is issued.'}
        </p>
      ) : (
        <DataTable
          label="Graph permissions"
          columns={[
            { key: 'permission', label: 'Permission' },
            { key: 'status', label: 'Status' },
            { key: 'neededFor', label: 'Needed for' },
            { key: 'fix', label: 'How to fix' },
          ]}
          rows={permissions.map((p) => ({
            key: p.permission,
            cells: {
              permission: <code>{p.permission}</code>,
              status: p.granted ? (
                <Lozenge tone="success">Granted</Lozenge>
              ) : p.optional ? (
                <Lozenge tone="moved">Optional, missing</Lozenge>
              ) : (
                <Lozenge tone="removed">Missing</Lozenge>
              ),
              neededFor: p.neededFor,
              fix: p.granted ? '' : (p.fix ?? 'Grant it in Entra admin center, then grant admin consent.'),
            },
          }))}
        />
      )}
    </div>
  );
}
