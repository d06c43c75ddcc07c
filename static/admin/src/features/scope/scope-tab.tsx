import type { DirectoryNames } from './use-directory-names';
import type { SettingsState } from '../settings/use-settings';
import type { TabKey } from '../settings/tab-keys';
import { SettingsTab } from '../settings/settings-tab';
import { MappingFields } from './mapping-fields';
import { ScopeFields } from './scope-fields';

export function ScopeTab({
  settings,
  names,
  goTo,
}: {
  settings: SettingsState;
  names: DirectoryNames;
  goTo: (tab: TabKey) => void;
}) {
  return (
    <SettingsTab settings={settings} tab="scope" goTo={goTo}>
      {(props) => (
        <>
          <ScopeFields {...props} names={names} />
          <MappingFields {...props} names={names} />
        </>
      )}
    </SettingsTab>
  );
}
