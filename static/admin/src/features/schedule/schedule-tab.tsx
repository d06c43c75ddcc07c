import type { StatusView } from '../../../../../src/shared/resolver-contract';
import type { SettingsState } from '../settings/use-settings';
import type { TabKey } from '../settings/tab-keys';
import { FormLock } from '../settings/form-lock';
import { ReadOnlyHint } from '../access/read-only-note';
import { RemovalFields } from './removal-fields';
import { SaveBar } from '../settings/save-bar';
import { ScheduleFields } from './schedule-fields';
import { NearRealTimeFields } from './near-real-time-fields';

export function ScheduleTab({ settings, status, goTo, readOnly }: { settings: SettingsState; status: StatusView | null; goTo: (tab: TabKey) => void; readOnly: boolean }) {
  const { form, errors, update, view } = settings;
  if (!view) return null;
  const props = { form, errors, update, secrets: view.secrets, readOnly };
  return (
    <div>
      <FormLock readOnly={readOnly}>
        <ScheduleFields {...props} nextScheduledRunAt={status?.nextScheduledRunAt ?? null} />
        <NearRealTimeFields {...props} state={status?.notifications ?? null} />
        <RemovalFields {...props} />
      </FormLock>
      {readOnly ? <ReadOnlyHint /> : <SaveBar settings={settings} tab="schedule" goTo={goTo} />}
    </div>
  );
}
