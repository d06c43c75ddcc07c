import { useState } from 'react';
import type { DirectoryNames } from './use-directory-names';
import type { FormPartProps } from '../settings/form-props';
import { Checkbox, SelectField, TextField } from '../../ui/field';
import { DataTable } from '../../ui/data-table';
import { MAPPING_COLUMNS, mappingCells } from './mapping-row';
import { useGroupTargets } from './use-group-targets';
import { useReadOnly } from '../access/read-only';
import { Section } from '../../ui/section';

const IDENTIFIERS = [
  { value: 'mail', label: 'Mail' },
  { value: 'userPrincipalName', label: 'User principal name (UPN)' },
] as const;

/** Entra group → Jira group, the prefix for default names, and how users are matched. */
export function MappingFields({ form, errors, update, names }: FormPartProps & { names: DirectoryNames }) {
  const readOnly = useReadOnly();
  const mappedOf = (id: string) =>
    form.mapping.find((m) => m.entraGroupId.toLowerCase() === id.toLowerCase())?.jiraGroup ?? null;
  const setMapping = (id: string, jiraGroup: string | null) => {
    const rest = form.mapping.filter((m) => m.entraGroupId.toLowerCase() !== id.toLowerCase());
    update('mapping', jiraGroup === null ? rest : [...rest, { entraGroupId: id, jiraGroup }]);
  };
  // Mappings for groups no longer chosen are kept in the list so the admin sees and removes them.
  const orphans = form.mapping.filter(
    (m) => !form.groupIds.some((g) => g.toLowerCase() === m.entraGroupId.toLowerCase()),
  );
  const named = form.groupIds.flatMap((id) => {
    const name = names.entraName(id);
    return name === null ? [] : [{ id, name }];
  });
  const [picking, setPicking] = useState<string | null>(null);
  const targets = useGroupTargets({
    groups: named,
    mapping: form.mapping,
    namePrefix: form.namePrefix,
    createMissing: form.createMissingGroups,
  });
  return (
    <Section
      id="mapping"
      title="Group mapping"
      description="Each chosen Entra group syncs into one Jira group: the prefix plus its name by default, or an existing Jira group you map it to."
    >
      <div className="grid-2">
        <TextField
          id="namePrefix"
          label="Jira group name prefix"
          value={form.namePrefix}
          onChange={(v) => update('namePrefix', v)}
          error={errors.namePrefix}
          placeholder="entra-"
          hint="Added in front of each Entra group's name. Blank uses the same name."
        />
        <SelectField
          id="identifier"
          label="Match users by"
          value={form.identifier}
          options={IDENTIFIERS}
          error={errors.identifier}
          onChange={(v) => update('identifier', v)}
          hint="Compared with the Jira account email; the other attribute is used when this one is empty."
        />
      </div>
      <Checkbox
        id="createMissingGroups"
        label="Create missing Jira groups"
        checked={form.createMissingGroups}
        error={errors.createMissingGroups}
        onChange={(v) => update('createMissingGroups', v)}
        hint="Off: a group that does not exist yet is reported and skipped."
      />
      {errors.mapping && (
        <p className="field-error" role="alert" id="mapping" tabIndex={-1}>
          {errors.mapping}
        </p>
      )}
      {form.groupIds.length === 0 && orphans.length === 0 ? (
        <p className="empty">Choose Entra groups under Scope to map them.</p>
      ) : (
        <DataTable
          label="Group mapping"
          columns={readOnly ? MAPPING_COLUMNS.filter((c) => c.key !== 'actions') : MAPPING_COLUMNS}
          rows={[...form.groupIds, ...orphans.map((o) => o.entraGroupId)].map((id) => ({
            key: id,
            cells: mappingCells({
              entraGroupId: id,
              entraName: names.entraName(id),
              notFound: names.isMissing(id),
              readOnly,
              mapped: mappedOf(id),
              target: targets.get(id.toLowerCase()) ?? null,
              onMap: (g) => setMapping(id, g),
              onJiraResults: names.rememberJira,
              picking: picking === id,
              setPicking: (open) => setPicking(open ? id : null),
            }),
          }))}
        />
      )}
    </Section>
  );
}
