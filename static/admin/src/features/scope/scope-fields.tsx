import type { DirectoryNames } from './use-directory-names';
import type { FormPartProps } from '../settings/form-props';
import { Checkbox, RadioGroup, TextField } from '../../ui/field';
import { choiceOf, GroupSearch } from './group-search';
import { Section } from '../../ui/section';
import { useReadOnly } from '../access/read-only';

/** Which Entra users the sync reads: all, or members (nested included) of chosen groups. */
export function ScopeFields({ form, errors, update, names }: FormPartProps & { names: DirectoryNames }) {
  const readOnly = useReadOnly();
  return (
    <Section
      id="scope"
      title="Scope"
      description="Which Entra users the sync looks at. Nested groups are flattened: members of sub-groups count as members."
    >
      <RadioGroup
        name="scopeMode"
        legend="Users to sync"
        value={form.scopeMode}
        error={errors.scopeMode}
        onChange={(v) => update('scopeMode', v)}
        options={[
          { value: 'groups', label: 'Members of chosen Entra groups', hint: 'Each chosen group becomes a Jira group.' },
          { value: 'all', label: 'All users', hint: 'Groups chosen below are still synced as Jira groups.' },
        ]}
      />
      <div className="chosen-groups">
        {readOnly ? (
          <>
            <h3 className="subheading" id="groupIds-title">
              Chosen Entra groups <span className="count">({form.groupIds.length})</span>
            </h3>
            {form.groupIds.length === 0 ? (
              <p className="empty">None chosen.</p>
            ) : (
              <ul className="plain-list chips" aria-labelledby="groupIds-title">
                {form.groupIds.map((id) => (
                  <li key={id} className="chip">
                    {names.entraName(id) ?? id}
                    {names.isMissing(id) && <span className="chip-note">not found in Entra</span>}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          // The first field with a problem gets focus on save: the picker's input has the field's ID.
          <GroupSearch
            id="groupIds"
            label={`Chosen Entra groups (${form.groupIds.length})`}
            resolver="searchEntraGroups"
            isMulti
            value={form.groupIds.map((id) =>
              choiceOf({
                id,
                name: names.isMissing(id)
                  ? `${names.entraName(id) ?? id} (not found in Entra)`
                  : (names.entraName(id) ?? id),
              }),
            )}
            onResults={names.rememberEntra}
            onChange={(chosen) => {
              const ids = chosen.map((c) => c.value);
              const kept = new Set(ids.map((i) => i.toLowerCase()));
              update('groupIds', ids);
              update(
                'mapping',
                form.mapping.filter((m) => kept.has(m.entraGroupId.toLowerCase())),
              );
            }}
            hint={
              form.scopeMode === 'groups' && form.groupIds.length === 0
                ? 'No group chosen yet. Searches group names in your tenant that start with what you type (uses the saved connection).'
                : 'Searches group names in your tenant that start with what you type (uses the saved connection).'
            }
          />
        )}
        {errors.groupIds && (
          <p className="field-error" role="alert" id="groupIds-error">
            {errors.groupIds}
          </p>
        )}
      </div>
      <div className="grid-2">
        <TextField
          id="domains"
          label="Domains"
          value={form.domains}
          onChange={(v) => update('domains', v)}
          error={errors.domains}
          placeholder="contoso.com, fabrikam.com"
          hint="Only users whose identifier is in one of these domains. Comma-separated; blank allows every domain."
        />
        <div className="checks">
          <Checkbox
            id="includeGuests"
            label="Include guests"
            checked={form.includeGuests}
            error={errors.includeGuests}
            onChange={(v) => update('includeGuests', v)}
            hint="Entra B2B guest accounts (userType Guest)."
          />
          <Checkbox
            id="includeDisabled"
            label="Include disabled accounts"
            checked={form.includeDisabled}
            error={errors.includeDisabled}
            onChange={(v) => update('includeDisabled', v)}
            hint="Off: disabled users are removed from synced groups."
          />
        </div>
      </div>
    </Section>
  );
}
