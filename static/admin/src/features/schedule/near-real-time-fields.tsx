import type { NotificationsView, SubscriptionView } from '../../../../../src/shared/resolver-contract';
import { formatTime } from '../../ui/format';
import type { FormPartProps } from '../settings/form-props';
import { Checkbox } from '../../ui/field';
import type { Tone } from '../../ui/lozenge';
import { Lozenge } from '../../ui/lozenge';
import { DataTable } from '../../ui/data-table';
import { Section } from '../../ui/section';

const STATE: Record<SubscriptionView['state'], { label: string; tone: Tone }> = {
  active: { label: 'Active', tone: 'success' },
  waiting: { label: 'Not created yet', tone: 'inprogress' },
  failed: { label: 'Failed', tone: 'removed' },
  removing: { label: 'Being removed', tone: 'moved' },
  off: { label: 'Off', tone: 'default' },
};

function detail(s: SubscriptionView): string {
  if (s.state === 'active') return `Expires ${formatTime(s.expiresAt ?? 0)}; renewed automatically long before.`;
  if (s.state === 'waiting') return 'The next scheduled tick (within five minutes) creates it.';
  if (s.state === 'removing') return 'The next scheduled tick (within five minutes) deletes it.';
  if (s.state === 'failed') return 'The next scheduled tick tries again.';
  return 'No subscription.';
}

/** The "Near-real-time updates" switch and the state of the two Graph subscriptions behind it. */
export function NearRealTimeFields({
  form,
  errors,
  update,
  state,
}: FormPartProps & { state: NotificationsView | null }) {
  const unsaved = state !== null && state.enabled !== form.nearRealTime;
  return (
    <Section
      id="near-real-time"
      title="Near-real-time updates"
      description="Entra tells the app when users and groups change (Microsoft Graph change notifications), and an incremental run brings Jira in step within about a minute. The schedule keeps running as the safety net. Needs the Graph application permission Group.Read.All."
    >
      <Checkbox
        id="nearRealTime"
        label="Near-real-time updates"
        checked={form.nearRealTime}
        error={errors.nearRealTime}
        onChange={(v) => update('nearRealTime', v)}
        hint="Turning this off deletes the subscriptions at the next scheduled tick."
      />
      {unsaved && (
        <p className="field-hint">
          Save to apply: the next scheduled tick {form.nearRealTime ? 'creates' : 'deletes'} the subscriptions.
        </p>
      )}
      {state && state.subscriptions.some((s) => s.state !== 'off') && (
        <DataTable
          label="Change-notification subscriptions"
          columns={[
            { key: 'resource', label: 'Entra changes to' },
            { key: 'state', label: 'Subscription' },
            { key: 'last', label: 'Last notification' },
            { key: 'detail', label: 'Details' },
          ]}
          rows={state.subscriptions.map((s) => ({
            key: s.resource,
            cells: {
              resource: s.resource === 'users' ? 'Users' : 'Groups',
              state: <Lozenge tone={STATE[s.state].tone}>{STATE[s.state].label}</Lozenge>,
              last: s.lastNotificationAt === null ? 'None yet' : formatTime(s.lastNotificationAt),
              detail: (
                <>
                  {detail(s)}
                  {s.lastError && <span className="field-error"> {s.lastError.message}</span>}
                </>
              ),
            },
          }))}
        />
      )}
      {state?.pendingSince != null && (
        <p className="field-hint">Changes announced since {formatTime(state.pendingSince)} are waiting for a run.</p>
      )}
      {state?.lastRun && (
        <p className="field-hint">
          The last run started by notifications began {formatTime(state.lastRun.startedAt)} (
          {state.lastRun.notifications} {state.lastRun.notifications === 1 ? 'notification' : 'notifications'}); History
          lists it with the trigger “Change notification”.
        </p>
      )}
    </Section>
  );
}
