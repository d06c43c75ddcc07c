import { formatTime } from '../../ui/format';
import { INTERVALS } from '../settings/settings-form';
import type { FormPartProps } from '../settings/form-props';
import { RadioGroup, SelectField, TextField } from '../../ui/field';
import { Section } from '../../ui/section';
import { useSchedulePreview } from './use-schedule-preview';

/** Off, a preset interval or a cron expression, with the next three run times as the admin types. */
export function ScheduleFields({
  form,
  errors,
  update,
  nextScheduledRunAt,
}: FormPartProps & { nextScheduledRunAt: number | null }) {
  const { scheduleMode, interval, cron } = form;
  const { preview, checking } = useSchedulePreview(scheduleMode, interval, cron);

  return (
    <Section
      id="schedule"
      title="Schedule"
      description="Scheduled runs keep Jira in step without anyone clicking. Between full runs they read only what changed in Entra."
    >
      <RadioGroup
        name="scheduleMode"
        legend="Run automatically"
        value={scheduleMode}
        error={errors.scheduleMode}
        onChange={(v) => update('scheduleMode', v)}
        options={[
          { value: 'off', label: 'Off', hint: 'Only “Sync now” runs a sync.' },
          { value: 'preset', label: 'At a fixed interval' },
          { value: 'cron', label: 'On a cron schedule (UTC)' },
        ]}
      />
      <div className="grid-2">
        {scheduleMode === 'preset' && (
          <SelectField
            id="interval"
            label="Interval"
            value={interval}
            options={INTERVALS}
            error={errors.interval}
            onChange={(v) => update('interval', v)}
          />
        )}
        {scheduleMode === 'cron' && (
          <TextField
            id="cron"
            label="Cron expression"
            value={cron}
            onChange={(v) => update('cron', v)}
            error={errors.cron ?? (preview && !preview.valid && preview.error ? preview.error.message : undefined)}
            placeholder="0 */4 * * *"
            hint="Five fields: minute hour day-of-month month day-of-week. Runs start within five minutes of each time."
          />
        )}
      </div>
      {scheduleMode !== 'off' && (
        <div className="schedule-preview" aria-live="polite">
          {checking && <p className="muted">Checking the schedule…</p>}
          {!checking && preview?.valid && (
            <>
              <p className="field-label">Next three runs</p>
              <ol className="plain-list next-runs">
                {preview.nextRuns.slice(0, 3).map((t) => (
                  <li key={t}>{formatTime(t)}</li>
                ))}
              </ol>
            </>
          )}
          {!checking && preview && !preview.valid && scheduleMode === 'preset' && preview.error && (
            <p className="field-error">{preview.error.message}</p>
          )}
        </div>
      )}
      <p className="field-hint">
        {nextScheduledRunAt === null
          ? 'No scheduled run is planned with the saved settings.'
          : `With the saved settings, the next scheduled run is due ${formatTime(nextScheduledRunAt)}.`}
      </p>
    </Section>
  );
}
