import type { StatusView } from '../../../../../src/shared/resolver-contract';
import type { SettingsState } from '../settings/use-settings';
import type { TabKey } from '../settings/tab-keys';
import { SettingsTab } from '../settings/settings-tab';
import { RemovalFields } from './removal-fields';
import { ScheduleFields } from './schedule-fields';
import { NearRealTimeFields } from './near-real-time-fields';
import { JiraPointsFields } from './jira-points-fields';

export function ScheduleTab({
  settings,
  status,
  goTo,
}: {
  settings: SettingsState;
  status: StatusView | null;
  goTo: (tab: TabKey) => void;
}) {
  return (
    <SettingsTab settings={settings} tab="schedule" goTo={goTo}>
      {(props) => (
        <>
          <ScheduleFields {...props} nextScheduledRunAt={status?.nextScheduledRunAt ?? null} />
          <JiraPointsFields {...props} budget={status?.budget ?? null} unsaved={settings.dirty} />
          <NearRealTimeFields {...props} state={status?.notifications ?? null} />
          <RemovalFields {...props} />
        </>
      )}
    </SettingsTab>
  );
}
