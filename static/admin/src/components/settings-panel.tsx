import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { ConnectionReport, ErrorInfo, SettingsView } from '../../../../src/shared/resolver-contract';
import * as api from '../api';
import type { FieldErrors, SettingsForm } from '../settings-form';
import { formFromSettings, isDirty, settingsFromForm, validateForm } from '../settings-form';
import { Banner, ErrorBanner } from './banner';
import { ConnectionFields } from './connection-fields';
import { ConnectionReportView } from './connection-report';
import type { UpdateField } from './form-props';
import { MappingFields } from './mapping-fields';
import { RemovalFields } from './removal-fields';
import { ScopeFields } from './scope-fields';
import { Spinner } from './spinner';
import { WriteIdentityFields } from './write-identity-fields';

interface SettingsPanelProps {
  view: SettingsView;
  onSaved: (view: SettingsView) => void;
  onDirtyChange: (dirty: boolean) => void;
}

type Step = 'saving' | 'testing' | null;

/** The settings form: check, save, and optionally test the saved connection. */
export function SettingsPanel({ view, onSaved, onDirtyChange }: SettingsPanelProps) {
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(view.settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [step, setStep] = useState<Step>(null);
  const [saveError, setSaveError] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState(false);
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [testError, setTestError] = useState<ErrorInfo | null>(null);

  const dirty = isDirty(form, view.settings);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const update: UpdateField = useCallback((key, value) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
    setSaved(false);
  }, []);

  const save = async (test: boolean) => {
    setSaveError(null);
    setSaved(false);
    const found = validateForm(form, view.secrets);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    setStep('saving');
    const res = await api.saveSettings({ settings: settingsFromForm(form, view.settings) });
    if (!res.ok) {
      setStep(null);
      setSaveError(res.error);
      return;
    }
    setForm(formFromSettings(res.data.settings));
    onSaved(res.data);
    setSaved(true);
    if (!test) {
      setStep(null);
      return;
    }
    setStep('testing');
    setReport(null);
    setTestError(null);
    const tested = await api.testConnection();
    setStep(null);
    if (tested.ok) setReport(tested.data);
    else setTestError(tested.error);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };

  const errorCount = Object.values(errors).filter(Boolean).length;
  const props = { form, errors, update, secrets: view.secrets };
  return (
    <form className="settings" onSubmit={onSubmit} noValidate aria-label="Settings">
      <ConnectionFields {...props} />
      <WriteIdentityFields {...props} />
      <ScopeFields {...props} />
      <MappingFields {...props} />
      <RemovalFields {...props} />
      <div className="save-bar">
        {errorCount > 0 && (
          <Banner kind="error">
            <p>
              {errorCount === 1 ? 'One field needs' : `${errorCount} fields need`} fixing before saving: see the messages next to
              {errorCount === 1 ? ' it' : ' them'}.
            </p>
          </Banner>
        )}
        {saveError && <ErrorBanner error={saveError} title="The settings were not saved" />}
        {saved && step === null && !dirty && !testError && !report && <Banner kind="success">Settings saved.</Banner>}
        <div className="button-row">
          <button type="submit" className="button" disabled={step !== null}>
            {step === 'saving' ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="button button-primary" disabled={step !== null} onClick={() => void save(true)}>
            Save and test
          </button>
          {dirty && step === null && <span className="muted small">Unsaved changes</span>}
        </div>
        {step === 'testing' && <Spinner label="Testing the connection…" />}
        {testError && <ErrorBanner error={testError} title="The connection test could not run" />}
        {report && <ConnectionReportView report={report} />}
      </div>
    </form>
  );
}
