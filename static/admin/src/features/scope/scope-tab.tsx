import type { DirectoryNames } from './use-directory-names';
import type { SettingsState } from '../settings/use-settings';
import type { TabKey } from '../settings/tab-keys';
import { FormLock } from '../settings/form-lock';
import { MappingFields } from './mapping-fields';
import { ReadOnlyHint } from '../access/read-only-note';
import { SaveBar } from '../settings/save-bar';
import { ScopeFields } from './scope-fields';

export function ScopeTab({ settings, names, goTo, readOnly }: { settings: SettingsState; names: DirectoryNames; goTo: (tab: TabKey) => void; readOnly: boolean }) {
  const { form, errors, update, view } = settings;
  if (!view) return null;
  const props = { form, errors, update, secrets: view.secrets, names, readOnly };
  return (
    <div>
      <FormLock readOnly={readOnly}>
        <ScopeFields {...props} />
        <MappingFields {...props} />
      </FormLock>
      {readOnly ? <ReadOnlyHint /> : <SaveBar settings={settings} tab="scope" goTo={goTo} />}
    </div>
  );
}
