import Button from '@atlaskit/button/new';
import type { SettingsState } from './use-settings';
import type { FieldName } from './settings-form';
import type { TabKey } from './tab-keys';
import { FIELD_TAB, TAB_LABELS } from './tab-keys';
import { Banner, ErrorBanner } from '../../ui/banner';
import { Spinner } from '../../ui/spinner';

/** Save (and optionally Save and test) for the settings tabs; every tab saves the whole form. */
export function SaveBar({
  settings,
  tab,
  goTo,
  withTest = false,
}: {
  settings: SettingsState;
  tab: TabKey;
  goTo: (tab: TabKey) => void;
  withTest?: boolean;
}) {
  const { errors, step, saveError, saved, dirty, save } = settings;
  const fields = (Object.keys(errors) as FieldName[]).filter((k) => errors[k]);
  const errorCount = fields.length;
  const elsewhere = [...new Set(fields.map((f) => FIELD_TAB[f]))].filter((t) => t !== tab);
  return (
    <div className="save-bar">
      {errorCount > 0 && (
        <Banner kind="error">
          <p>
            {errorCount === 1 ? 'One field needs' : `${errorCount} fields need`} fixing before saving: see the message
            {errorCount === 1 ? '' : 's'} next to {errorCount === 1 ? 'it' : 'them'}.
          </p>
          {elsewhere.length > 0 && (
            <p>
              On other tabs:{' '}
              {elsewhere.map((t) => (
                <Button key={t} appearance="subtle" spacing="compact" onClick={() => goTo(t)}>
                  {TAB_LABELS[t]}
                </Button>
              ))}
            </p>
          )}
        </Banner>
      )}
      {saveError && <ErrorBanner error={saveError} title="The settings were not saved" />}
      {saved && step === null && !dirty && <Banner kind="success">Settings saved.</Banner>}
      <div className="button-row">
        {/* Never disabled while working (a disabled button drops keyboard focus); a second press waits for the first. */}
        <Button
          appearance={withTest ? 'default' : 'primary'}
          aria-disabled={step !== null}
          onClick={() => step === null && void save(false)}
        >
          {step === 'saving' && !withTest ? 'Saving…' : 'Save'}
        </Button>
        {withTest && (
          <Button appearance="primary" aria-disabled={step !== null} onClick={() => step === null && void save(true)}>
            {step === 'saving' ? 'Saving…' : step === 'testing' ? 'Testing…' : 'Save and test'}
          </Button>
        )}
        {dirty && step === null && <span className="muted small">Unsaved changes</span>}
      </div>
      {step === 'testing' && <Spinner label="Testing the connection…" />}
    </div>
  );
}
