import type { StatusView } from '../../../../../src/shared/resolver-contract';
import { Lozenge } from '../../ui/lozenge';

/** When the client secret expires, or why the app cannot tell. */
export function SecretExpiry({ expiry }: { expiry: StatusView['secretExpiry'] }) {
  let body;
  if (!expiry) {
    body = (
      <span className="muted">
        Not read yet: “Save and test” and each preview or sync read it (with the optional Application.Read.All
        permission).
      </span>
    );
  } else if (!expiry.readable) {
    body = (
      <>
        <Lozenge tone="default">Unknown</Lozenge> <span>{expiry.message}</span>
      </>
    );
  } else {
    const days = expiry.daysLeft;
    const tone = days === null ? 'default' : days < 0 ? 'removed' : days <= 30 ? 'moved' : 'success';
    const label = days === null ? 'Unknown' : days < 0 ? 'Expired' : `${days} days left`;
    body = (
      <>
        <Lozenge tone={tone}>{label}</Lozenge>{' '}
        <span>
          {expiry.endDateTime ? `Expires ${new Date(expiry.endDateTime).toLocaleDateString()}.` : ''} {expiry.message}
        </span>
      </>
    );
  }
  return (
    <div className="report-item">
      <dt>Client secret expiry</dt>
      <dd>{body}</dd>
    </div>
  );
}
