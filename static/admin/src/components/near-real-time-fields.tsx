import type { NotificationsView, SubscriptionView } from '../../../../src/shared/resolver-contract';
import { formatTime } from '../format';
import type { FormPartProps } from './form-props';
import { Checkbox } from './field';
import { Lozenge } from './lozenge';
import { Section } from './section';

const STATE: Record<SubscriptionView['state'], { label: string; tone: string }> = {
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
export function NearRealTimeFields({ form, errors, update, state }: FormPartProps & { state: NotificationsView | null }) {
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
      {unsaved && <p className="field-hint">Save to apply: the next scheduled tick {form.nearRealTime ? 'creates' : 'deletes'} the subscriptions.</p>}
      {state && state.subscriptions.some((s) => s.state !== 'off') && (
        <div className="table-scroll">
          <table className="table" aria-label="Change-notification subscriptions">
            <thead>
              <tr>
                <th scope="col">Entra changes to</th>
                <th scope="col">Subscription</th>
                <th scope="col">Last notification</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {state.subscriptions.map((s) => (
                <tr key={s.resource}>
                  <td>{s.resource === 'users' ? 'Users' : 'Groups'}</td>
                  <td>
                    <Lozenge tone={STATE[s.state].tone}>{STATE[s.state].label}</Lozenge>
                  </td>
                  <td>{s.lastNotificationAt === null ? 'None yet' : formatTime(s.lastNotificationAt)}</td>
                  <td>
                    {detail(s)}
                    {s.lastError && <span className="field-error"> {s.lastError.message}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {state?.pendingSince != null && <p className="field-hint">Changes announced since {formatTime(state.pendingSince)} are waiting for a run.</p>}
      {state?.lastRun && (
        <p className="field-hint">
          The last run started by notifications began {formatTime(state.lastRun.startedAt)} ({state.lastRun.notifications} {state.lastRun.notifications === 1 ? 'notification' : 'notifications'}); History lists it with the trigger “Change notification”.
        </p>
      )}
    </Section>
  );
}
