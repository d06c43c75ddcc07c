import type { FormPartProps } from '../settings/form-props';
import { Checkbox, TextField } from '../../ui/field';
import { Section } from '../../ui/section';

/** The removal limits; any one of them passed holds the run for approval. */
const LIMITS = [
  { id: 'maxPerRun', label: 'Most removals per run', inputMode: 'numeric' },
  { id: 'maxPercent', label: 'Most removals, percent of memberships', inputMode: 'decimal' },
  {
    id: 'maxGroupPercent',
    label: 'Most removals from one group, percent of its members',
    inputMode: 'decimal',
    hint: 'A chosen group that reads empty in Entra while its Jira group has members is always held.',
  },
] as const;

export function RemovalFields({ form, errors, update }: FormPartProps) {
  return (
    <Section
      id="removals"
      title="Removals"
      description="A run that would remove more memberships than any limit stops before changing anything, as “needs approval”."
    >
      <Checkbox
        id="removalsEnabled"
        label="Remove memberships that Entra no longer has"
        checked={form.removalsEnabled}
        error={errors.removalsEnabled}
        onChange={(v) => update('removalsEnabled', v)}
        hint="Only in groups the app manages. Accounts are never deleted."
      />
      <div className="grid-2">
        {LIMITS.map((limit) => (
          <TextField
            key={limit.id}
            id={limit.id}
            label={limit.label}
            type="number"
            inputMode={limit.inputMode}
            value={form[limit.id]}
            onChange={(v) => update(limit.id, v)}
            error={errors[limit.id]}
            hint={'hint' in limit ? limit.hint : undefined}
          />
        ))}
      </div>
    </Section>
  );
}
