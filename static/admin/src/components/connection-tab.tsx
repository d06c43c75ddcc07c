import type { StatusView } from '../../../../src/shared/resolver-contract';
import type { SettingsState } from '../hooks/use-settings';
import type { TabKey } from '../tab-keys';
import { ErrorBanner } from './banner';
import { ConnectionFields } from './connection-fields';
import { ConnectionReportView } from './connection-report';
import { SaveBar } from './save-bar';
import { SecretExpiry } from './secret-expiry';
import { WriteIdentityFields } from './write-identity-fields';

/** Connection to Entra and the Jira write identity, with "Save and test" and what it found. */
export function ConnectionTab({ settings, status, goTo }: { settings: SettingsState; status: StatusView | null; goTo: (tab: TabKey) => void }) {
  const { form, errors, update, view, report, testError } = settings;
  if (!view) return null;
  const props = { form, errors, update, secrets: view.secrets };
  return (
    <div>
      <ConnectionFields {...props} />
      <WriteIdentityFields {...props} report={report} />
      <SaveBar settings={settings} tab="connection" goTo={goTo} withTest />
      {testError && <ErrorBanner error={testError} title="The connection test could not run" />}
      {report && <ConnectionReportView report={report} />}
      <dl className="report-list">
        <SecretExpiry expiry={status?.secretExpiry ?? null} />
      </dl>
    </div>
  );
}
