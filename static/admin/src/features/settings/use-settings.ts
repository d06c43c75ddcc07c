import { useCallback, useEffect, useState } from 'react';
import type { ConnectionReport, ErrorInfo, SettingsView } from '../../../../../src/shared/resolver-contract';
import { api } from '../../api';
import { fieldErrorsFrom } from './field-paths';
import type { FieldErrors, FieldName, ProtectedGroups, SettingsForm } from './settings-form';
import { formFromSettings, isDirty, settingsFromForm } from './settings-form';
import { validateForm } from './validate-form';

export type SaveStep = 'saving' | 'testing' | null;

/**
 * The stored settings and the one form every settings tab edits: check before saving, save, and
 * optionally test the connection first (a new secret is tried before it is saved). A problem found here or by the server is shown next to
 * its field, and `showField` opens that field's tab and focuses it.
 */
export function useSettings(protectedGroups: ProtectedGroups, showField: (field: FieldName) => void) {
  const [view, setView] = useState<SettingsView | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(null));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [step, setStep] = useState<SaveStep>(null);
  const [saveError, setSaveError] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState(false);
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [testError, setTestError] = useState<ErrorInfo | null>(null);

  const accept = useCallback((next: SettingsView) => {
    setView(next);
    setForm(formFromSettings(next.settings));
    setErrors({});
  }, []);

  const load = useCallback(async () => {
    setLoadError(null);
    const res = await api.getSettings();
    if (res.ok) accept(res.data);
    else setLoadError(res.error);
  }, [accept]);

  useEffect(() => {
    void load();
  }, [load]);

  const update = useCallback(<K extends FieldName>(key: K, value: SettingsForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
    setSaved(false);
  }, []);

  const save = useCallback(
    async (test: boolean): Promise<boolean> => {
      if (!view) return false;
      setSaveError(null);
      setSaved(false);
      const found = validateForm(form, view.secrets, protectedGroups);
      setErrors(found);
      const first = Object.keys(found)[0] as FieldName | undefined;
      if (first) {
        showField(first);
        return false;
      }
      const candidate = settingsFromForm(form, view.settings);
      const refuse = (error: ErrorInfo) => {
        setStep(null);
        setSaveError(error);
        const refused = fieldErrorsFrom(error, form);
        setErrors(refused);
        const firstRefused = Object.keys(refused)[0] as FieldName | undefined;
        if (firstRefused) showField(firstRefused);
        return false;
      };
      if (test) {
        // Tested before saving: a mistyped new secret must not replace the working one.
        setStep('testing');
        setReport(null);
        setTestError(null);
        const tested = await api.testConnection({ settings: candidate });
        if (!tested.ok) return refuse(tested.error);
        setReport(tested.data);
        const failedSecret = newSecretThatFailed(form, tested.data);
        if (failedSecret) {
          setStep(null);
          setSaveError({
            code: 'not-saved',
            message: `Nothing was saved: the new ${failedSecret} did not work (see the test below), so the saved one is kept. Check the value and try again.`,
          });
          return false;
        }
      }
      setStep('saving');
      const res = await api.saveSettings({ settings: candidate });
      if (!res.ok) return refuse(res.error);
      accept(res.data);
      setSaved(true);
      setStep(null);
      return true;
    },
    [accept, form, protectedGroups, showField, view],
  );

  const dirty = view !== null && isDirty(form, view.settings);
  return {
    view,
    loadError,
    load,
    accept,
    form,
    errors,
    update,
    save,
    step,
    saveError,
    saved,
    report,
    testError,
    dirty,
  };
}

export type SettingsState = ReturnType<typeof useSettings>;

/** The newly typed secret that the test showed not to work, if any. */
function newSecretThatFailed(form: SettingsForm, report: ConnectionReport): string | null {
  if (form.clientSecret.trim() && !report.token.ok) return 'client secret';
  const tokenRefused = ['token-invalid', 'jira-unauthorized'].includes(report.writeIdentity.error?.code ?? '');
  if (form.writeMode === 'apiToken' && form.apiToken.trim() && tokenRefused) return 'API token';
  return null;
}
