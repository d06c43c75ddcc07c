import type { StatusView } from '../../../../../src/shared/resolver-contract';
import type { SettingsState } from '../settings/use-settings';
import type { TabKey } from '../settings/tab-keys';
import { ErrorBanner } from '../../ui/banner';
import { SettingsTab } from '../settings/settings-tab';
import { ConnectionFields } from './connection-fields';
import { ConnectionReportView } from './connection-report';
import { SecretExpiry } from './secret-expiry';
import { WriteIdentityFields } from './write-identity-fields';

/** Connection to Entra and the Jira write identity, with "Save and test" and what it found. */
export function ConnectionTab({
  settings,
  status,
  goTo,
}: {
  settings: SettingsState;
  status: StatusView | null;
  goTo: (tab: TabKey) => void;
}) {
  const { report, testError } = settings;
  const found = (
    <>
      {testError && <ErrorBanner error={testError} title="The connection test could not run" />}
      {/* The test reads the secret's expiry itself; until then, what the last run read. */}
      {report ? (
        <ConnectionReportView report={report} fallbackExpiry={status?.secretExpiry ?? null} />
      ) : (
        <dl className="report-list">
          <SecretExpiry expiry={status?.secretExpiry ?? null} />
        </dl>
      )}
    </>
  );
  return (
    <SettingsTab
      settings={settings}
      tab="connection"
      goTo={goTo}
      withTest
      readOnlyHint="Save and test is not offered."
      after={found}
    >
      {(props) => (
        <>
          <ConnectionFields {...props} />
          <WriteIdentityFields {...props} report={report} />
        </>
      )}
    </SettingsTab>
  );
}
