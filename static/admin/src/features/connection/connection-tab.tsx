import type { StatusView } from '../../../../../src/shared/resolver-contract';
import type { SettingsState } from '../settings/use-settings';
import type { TabKey } from '../settings/tab-keys';
import { ErrorBanner } from '../../ui/banner';
import { FormLock } from '../settings/form-lock';
import { ReadOnlyHint } from '../access/read-only-note';
import { ConnectionFields } from './connection-fields';
import { ConnectionReportView } from './connection-report';
import { SaveBar } from '../settings/save-bar';
import { SecretExpiry } from './secret-expiry';
import { WriteIdentityFields } from './write-identity-fields';

/** Connection to Entra and the Jira write identity, with "Save and test" and what it found. */
export function ConnectionTab({ settings, status, goTo, readOnly }: { settings: SettingsState; status: StatusView | null; goTo: (tab: TabKey) => void; readOnly: boolean }) {
  const { form, errors, update, view, report, testError } = settings;
  if (!view) return null;
  const props = { form, errors, update, secrets: view.secrets, readOnly };
  return (
    <div>
      <FormLock readOnly={readOnly}>
        <ConnectionFields {...props} />
        <WriteIdentityFields {...props} report={report} />
      </FormLock>
      {readOnly ? <ReadOnlyHint what="Save and test is not offered." /> : <SaveBar settings={settings} tab="connection" goTo={goTo} withTest />}
      {testError && <ErrorBanner error={testError} title="The connection test could not run" />}
      {/* The test reads the secret's expiry itself; until then, what the last run read. */}
      {report ? (
        <ConnectionReportView report={report} fallbackExpiry={status?.secretExpiry ?? null} />
      ) : (
        <dl className="report-list">
          <SecretExpiry expiry={status?.secretExpiry ?? null} />
        </dl>
      )}
    </div>
  );
}
