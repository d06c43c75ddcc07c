import type { DirectoryNames } from '../hooks/use-directory-names';
import type { FormPartProps } from './form-props';
import { Checkbox, RadioGroup, TextField } from './field';
import { GroupSearch } from './group-search';
import { Section } from './section';

/** Which Entra users the sync reads: all, or members (nested included) of chosen groups. */
export function ScopeFields({ form, errors, update, names, readOnly = false }: FormPartProps & { names: DirectoryNames }) {
  const chosen = new Set(form.groupIds.map((g) => g.toLowerCase()));
  return (
    <Section id="scope" title="Scope" description="Which Entra users the sync looks at. Nested groups are flattened: members of sub-groups count as members.">
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
        <h3 className="subheading" id="groupIds-title">
          Chosen Entra groups <span className="count">({form.groupIds.length})</span>
        </h3>
        {form.groupIds.length === 0 ? (
          <p className="empty">{form.scopeMode === 'groups' ? 'No group chosen yet: search below and add one.' : 'None: all users are read, and no group is synced.'}</p>
        ) : (
          <ul className="plain-list chips" aria-labelledby="groupIds-title">
            {form.groupIds.map((id) => (
              <li key={id} className={names.isMissing(id) ? 'chip chip-missing' : 'chip'}>
                <span>{names.entraName(id) ?? id}</span>
                {names.isMissing(id) && <span className="chip-note">not found in Entra</span>}
                {!readOnly && (
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={`Remove ${names.entraName(id) ?? id}`}
                    onClick={() => {
                      update('groupIds', form.groupIds.filter((g) => g !== id));
                      update('mapping', form.mapping.filter((m) => m.entraGroupId.toLowerCase() !== id.toLowerCase()));
                    }}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {errors.groupIds && (
          <p className="field-error" role="alert" id="groupIds-error">
            {errors.groupIds}
          </p>
        )}
        {/* The first field with a problem gets focus on save: the search box stands in for the list. */}
        {!readOnly && (
          <GroupSearch
            id="groupIds"
            label="Add an Entra group"
            resolver="searchEntraGroups"
            chosen={(g) => chosen.has(g.id.toLowerCase())}
            onResults={names.rememberEntra}
            onPick={(g) => update('groupIds', [...form.groupIds, g.id])}
            hint="Searches group names in your tenant (uses the saved connection)."
          />
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
