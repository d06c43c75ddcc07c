import type { FieldErrors, SettingsForm, StoredSecrets } from './settings-form';

export type UpdateField = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => void;

/** What every part of the settings form receives. */
export interface FormPartProps {
  form: SettingsForm;
  errors: FieldErrors;
  update: UpdateField;
  secrets: StoredSecrets;
}
