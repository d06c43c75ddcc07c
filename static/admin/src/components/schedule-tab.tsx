import type { StatusView } from '../../../../src/shared/resolver-contract';
import type { SettingsState } from '../hooks/use-settings';
import type { TabKey } from '../tab-keys';
import { RemovalFields } from './removal-fields';
import { SaveBar } from './save-bar';
import { ScheduleFields } from './schedule-fields';

export function ScheduleTab({ settings, status, goTo }: { settings: SettingsState; status: StatusView | null; goTo: (tab: TabKey) => void }) {
  const { form, errors, update, view } = settings;
  if (!view) return null;
  const props = { form, errors, update, secrets: view.secrets };
  return (
    <div>
      <ScheduleFields {...props} nextScheduledRunAt={status?.nextScheduledRunAt ?? null} />
      <RemovalFields {...props} />
      <SaveBar settings={settings} tab="schedule" goTo={goTo} />
    </div>
  );
}
