import ProgressBar from '@atlaskit/progress-bar';
import type { BudgetView, DriftCycleSetting } from '../../../../../src/shared/resolver-contract';
import { RadioGroup } from '../../ui/field';
import { formatCount, formatShare } from '../../ui/format';
import { Section } from '../../ui/section';
import { Tiles } from '../../ui/tiles';
import type { FormPartProps } from '../settings/form-props';

interface JiraPointsProps extends FormPartProps {
  /** From the status; null until it is read (or from an app that does not report points). */
  budget: BudgetView | null;
  /** The form's schedule or identity differs from the saved one the estimate is for. */
  unsaved: boolean;
}

/** The drift-repair cycle, and what a day of the saved schedule costs in Jira points. */
export function JiraPointsFields({ form, errors, update, budget, unsaved }: JiraPointsProps) {
  const effective = budget ? ` With the saved settings: ${budget.driftCycle.effective}.` : '';
  const options: ReadonlyArray<{ value: DriftCycleSetting; label: string; hint: string }> = [
    {
      value: 'auto',
      label: 'Automatic',
      hint: `Weekly while reads cost Jira points; daily when the API-token identity makes them exempt.${effective}`,
    },
    { value: 'daily', label: 'Daily', hint: 'Finds memberships changed by hand in Jira within a day.' },
    { value: 'weekly', label: 'Weekly', hint: 'A seventh of the managed groups is re-read each day.' },
  ];
  return (
    <Section
      id="jira-points"
      title="Jira points"
      description="Jira charges apps points for their requests: a pool of points an hour for the whole app, shared by every site it is installed on. Requests as the API-token identity are exempt."
    >
      <RadioGroup<DriftCycleSetting>
        name="driftCycle"
        legend="Drift repair: re-read every managed Jira group"
        value={form.driftCycle}
        error={errors.driftCycle}
        onChange={(v) => update('driftCycle', v)}
        options={options}
      />
      <DayCost budget={budget} unsaved={unsaved} />
    </Section>
  );
}

function DayCost({ budget, unsaved }: { budget: BudgetView | null; unsaved: boolean }) {
  if (!budget) return <p className="field-hint">The app has not reported its Jira points yet.</p>;
  const pool = budget.poolPointsPerHour;
  const exempt = budget.exempt ? (
    <p className="field-hint">Runs act as the API-token identity: its requests are exempt from Jira’s points.</p>
  ) : (
    <p className="field-hint">
      Runs act as a site admin through the app: their reads and writes count against the app’s shared hourly pool.
    </p>
  );
  const { day } = budget;
  return (
    <div className="day-cost" aria-labelledby="day-cost-title">
      <h3 className="subheading" id="day-cost-title">
        A day of the saved schedule
      </h3>
      {day === null ? (
        <p>Not measured yet: the estimate appears once a full run has measured this site.</p>
      ) : (
        <>
          <Tiles
            label="Jira points a day"
            tiles={[
              { label: 'Points a day', value: formatCount(day.totalPoints) },
              { label: 'Scheduled runs', value: formatCount(day.incrementalPoints) },
              { label: `Drift repair (${budget.driftCycle.effective})`, value: formatCount(day.driftRepairPoints) },
            ]}
          />
          <ProgressBar
            ariaLabel="A day's points as a share of the app's hourly pool"
            value={Math.min(1, day.totalPoints / pool)}
          />
          <p>
            {formatShare(day.totalPoints / pool)} of the {formatCount(pool)}-point hourly pool that every site with the
            app installed shares; spread over the day, {formatShare(day.totalPoints / 24 / pool)} of each hour’s pool.
          </p>
          <p className="field-hint">Basis: {day.basis}</p>
        </>
      )}
      {exempt}
      {unsaved && (
        <p className="field-hint">The estimate is for the saved settings: save to see it for your changes.</p>
      )}
    </div>
  );
}
