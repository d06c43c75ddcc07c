import Button from '@atlaskit/button/new';
import type { ReactNode } from 'react';
import type { GroupOption, GroupTargetView } from '../../../../../src/shared/resolver-contract';
import { TARGET_STATE_TEXT } from '../../../../../src/shared/target-states';
import { GroupSearch } from './group-search';
import type { Tone } from '../../ui/lozenge';
import { Lozenge } from '../../ui/lozenge';

export const MAPPING_COLUMNS = [
  { key: 'entra', label: 'Entra group' },
  { key: 'jira', label: 'Jira group' },
  { key: 'state', label: 'State' },
  { key: 'actions', label: 'Actions' },
] as const;

export type MappingColumn = (typeof MAPPING_COLUMNS)[number]['key'];

interface MappingRowProps {
  entraGroupId: string;
  entraName: string | null;
  /** Entra answered without this group: deleted, or not visible to the app. */
  notFound: boolean;
  readOnly: boolean;
  /** The explicit Jira group, or null for the default name (prefix + Entra name). */
  mapped: string | null;
  /** The Jira group and its state as a run would decide them (null while checking). */
  target: GroupTargetView | null;
  onMap: (jiraGroup: string | null) => void;
  onJiraResults: (groups: GroupOption[]) => void;
  /** Whether this row's Jira group search is open (one at a time, held by the table). */
  picking: boolean;
  setPicking: (open: boolean) => void;
}

const TONES: Record<GroupTargetView['state'], Tone> = {
  managed: 'success',
  create: 'new',
  missing: 'moved',
  conflict: 'moved',
  protected: 'removed',
  invalid: 'removed',
};

function stateLabel(target: GroupTargetView): string {
  if (target.state === 'managed' && target.explicit) return 'Mapped explicitly';
  return TARGET_STATE_TEXT[target.state].label;
}

/**
 * One chosen Entra group and the Jira group it syncs into, with the state a run would give it:
 * managed (created by the app or mapped), not created yet, or a conflict with a group the app
 * does not manage, which it leaves alone until the admin maps it explicitly.
 */
export function mappingCells({
  entraGroupId,
  entraName,
  notFound,
  readOnly,
  mapped,
  target,
  onMap,
  onJiraResults,
  picking,
  setPicking,
}: MappingRowProps): Record<MappingColumn, ReactNode> {
  const label = entraName ?? entraGroupId;
  const shownName = mapped ?? target?.jiraGroup ?? null;
  return {
    entra: (
      <>
        {label}
        {notFound && <span className="chip-note">not found in Entra</span>}
      </>
    ),
    jira: (
      <>
        {shownName === null ? <span className="muted">Prefix + the group’s name</span> : <code>{shownName}</code>}
        {target?.state === 'managed' && target.createdByApp && (
          <p className="field-hint">
            Created by the app, which keeps managing it (even if the Entra group is renamed).
          </p>
        )}
        {target?.state === 'conflict' && (
          <p className="field-hint">
            A Jira group with this name exists and the app does not manage it: map it explicitly to adopt it, or change
            the prefix.
          </p>
        )}
        {target?.state === 'protected' && (
          <p className="field-error">
            A protected group (default access or admin) is never changed by the app. Choose another.
          </p>
        )}
        {target?.state === 'invalid' && (
          <p className="field-error">
            The Jira group name derived from this Entra group is blank or collides with another chosen group&apos;s. Map
            it explicitly to a Jira group.
          </p>
        )}
        {picking && (
          <GroupSearch
            id={`map-${entraGroupId}`}
            label={`Jira group for ${label}`}
            resolver="searchJiraGroups"
            value={null}
            onResults={onJiraResults}
            hint="Searches Jira group names containing what you type. Protected groups cannot be chosen."
            onChange={(g) => {
              if (!g) return;
              onMap(g.group.name);
              setPicking(false);
            }}
          />
        )}
      </>
    ),
    state: target ? (
      <Lozenge tone={TONES[target.state]}>{stateLabel(target)}</Lozenge>
    ) : (
      <span className="muted">Checking…</span>
    ),
    actions: readOnly ? null : (
      <div className="actions">
        <Button
          appearance="subtle"
          spacing="compact"
          aria-expanded={picking}
          onClick={() => setPicking(!picking)}
          aria-label={picking ? `Close the Jira group search for ${label}` : `Map to existing Jira group: ${label}`}
        >
          {picking ? 'Close' : 'Map to existing'}
        </Button>
        {mapped !== null && (
          <Button
            appearance="subtle"
            spacing="compact"
            onClick={() => onMap(null)}
            aria-label={`Use default name for ${label}`}
          >
            Use default name
          </Button>
        )}
      </div>
    ),
  };
}
