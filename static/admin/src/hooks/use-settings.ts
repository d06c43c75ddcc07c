import { useCallback, useEffect, useState } from 'react';
import type { ConnectionReport, ErrorInfo, SettingsView } from '../../../../src/shared/resolver-contract';
import { call } from '../api';
import { fieldErrorsFrom } from '../field-paths';
import type { FieldErrors, FieldName, ProtectedGroups, SettingsForm } from '../settings-form';
import { formFromSettings, isDirty, settingsFromForm, validateForm } from '../settings-form';

export type SaveStep = 'saving' | 'testing' | null;

/**
 * The stored settings and the one form every settings tab edits: check before saving, save, and
 * optionally test the saved connection. A problem found here or by the server is shown next to
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
    const res = await call('getSettings', {});
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
      setStep('saving');
      const res = await call('saveSettings', { settings: settingsFromForm(form, view.settings) });
      if (!res.ok) {
        setStep(null);
        setSaveError(res.error);
        const refused = fieldErrorsFrom(res.error, form);
        setErrors(refused);
        const firstRefused = Object.keys(refused)[0] as FieldName | undefined;
        if (firstRefused) showField(firstRefused);
        return false;
      }
      accept(res.data);
      setSaved(true);
      if (!test) {
        setStep(null);
        return true;
      }
      setStep('testing');
      setReport(null);
      setTestError(null);
      const tested = await call('testConnection', {});
      setStep(null);
      if (tested.ok) setReport(tested.data);
      else setTestError(tested.error);
      return true;
    },
    [accept, form, protectedGroups, showField, view],
  );

  const dirty = view !== null && isDirty(form, view.settings);
  return { view, loadError, load, accept, form, errors, update, save, step, saveError, saved, report, testError, dirty };
}

export type SettingsState = ReturnType<typeof useSettings>;
