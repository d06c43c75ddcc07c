import type { FormPartProps } from './form-props';
import { Checkbox, TextField } from './field';
import { Section } from './section';

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
        <TextField
          id="maxPerRun"
          label="Most removals per run"
          type="number"
          inputMode="numeric"
          value={form.maxPerRun}
          onChange={(v) => update('maxPerRun', v)}
          error={errors.maxPerRun}
        />
        <TextField
          id="maxPercent"
          label="Most removals, percent of memberships"
          type="number"
          inputMode="decimal"
          value={form.maxPercent}
          onChange={(v) => update('maxPercent', v)}
          error={errors.maxPercent}
        />
        <TextField
          id="maxGroupPercent"
          label="Most removals from one group, percent of its members"
          type="number"
          inputMode="decimal"
          value={form.maxGroupPercent}
          onChange={(v) => update('maxGroupPercent', v)}
          error={errors.maxGroupPercent}
          hint="A chosen group that reads empty in Entra while its Jira group has members is always held."
        />
      </div>
    </Section>
  );
}
