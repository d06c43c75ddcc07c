import type { StatusView } from '../../../../../src/shared/resolver-contract';
import { Banner } from '../../ui/banner';

const FIX: Record<string, string> = {
  'repeated-failure': 'Open History to see why the runs failed; fix the cause, then choose "Sync now".',
  'no-recent-success': 'Open History to see the last runs, or choose "Sync now" on the Preview & sync tab.',
  'secret-expiring':
    'Create a new client secret in Entra admin center (App registrations → your app → Certificates & secrets) and enter it on the Connection tab.',
  'needs-approval': 'Review the staged removals below, then approve or discard the run.',
};

/** The app's own warnings: repeated failures, no recent success, secret expiry, a held run. */
export function AlertsBanner({ alerts }: { alerts: StatusView['alerts'] }) {
  if (alerts.length === 0) return null;
  return (
    <div className="alerts" aria-label="Alerts">
      {alerts.map((a) => (
        <Banner key={a.code} kind={a.level === 'error' ? 'error' : 'warning'}>
          <p>{a.message}</p>
          {FIX[a.code] && <p className="banner-fix">{FIX[a.code]}</p>}
        </Banner>
      ))}
    </div>
  );
}
