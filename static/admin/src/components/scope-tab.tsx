import type { DirectoryNames } from '../hooks/use-directory-names';
import type { SettingsState } from '../hooks/use-settings';
import type { TabKey } from '../tab-keys';
import { MappingFields } from './mapping-fields';
import { SaveBar } from './save-bar';
import { ScopeFields } from './scope-fields';

export function ScopeTab({ settings, names, goTo }: { settings: SettingsState; names: DirectoryNames; goTo: (tab: TabKey) => void }) {
  const { form, errors, update, view } = settings;
  if (!view) return null;
  const props = { form, errors, update, secrets: view.secrets, names };
  return (
    <div>
      <ScopeFields {...props} />
      <MappingFields {...props} />
      <SaveBar settings={settings} tab="scope" goTo={goTo} />
    </div>
  );
}
