import { useEffect, useState } from 'react';
import type { GroupOption } from '../../../../src/shared/resolver-contract';
import { call } from '../api';
import { GroupSearch } from './group-search';
import { Lozenge } from './lozenge';

interface MappingRowProps {
  entraGroupId: string;
  entraName: string | null;
  /** Entra answered without this group: deleted, or not visible to the app. */
  notFound: boolean;
  readOnly: boolean;
  /** The explicit Jira group, or null for the default name (prefix + Entra name). */
  mapped: string | null;
  prefix: string;
  onMap: (jiraGroup: string | null) => void;
  onJiraResults: (groups: GroupOption[]) => void;
}

type Existing = 'unknown' | 'exists' | 'protected' | 'missing';

/**
 * One chosen Entra group and the Jira group it syncs into. A default name that an existing,
 * unmapped Jira group already has is a conflict: the app leaves that group alone until the
 * admin maps it explicitly.
 */
export function MappingRow({ entraGroupId, entraName, notFound, readOnly, mapped, prefix, onMap, onJiraResults }: MappingRowProps) {
  const [picking, setPicking] = useState(false);
  const [existing, setExisting] = useState<Existing>('unknown');
  const target = mapped ?? (entraName !== null ? `${prefix}${entraName}` : null);

  useEffect(() => {
    if (target === null) return;
    let current = true;
    const timer = window.setTimeout(() => {
      void call('searchJiraGroups', { query: target.slice(0, 120) }).then((res) => {
        if (!current || !res.ok) return;
        onJiraResults(res.data);
        const hit = res.data.find((g) => g.name.toLowerCase() === target.toLowerCase());
        setExisting(!hit ? 'missing' : hit.protected ? 'protected' : 'exists');
      });
    }, 300);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [target, onJiraResults]);

  const label = entraName ?? entraGroupId;
  let state;
  if (existing === 'protected') state = <Lozenge tone="removed">Protected: refused</Lozenge>;
  else if (mapped !== null) state = <Lozenge tone="success">Mapped explicitly</Lozenge>;
  else if (existing === 'exists') state = <Lozenge tone="moved">Conflict</Lozenge>;
  else if (existing === 'missing') state = <Lozenge tone="new">Created by the app</Lozenge>;
  else state = <span className="muted">Checking…</span>;

  return (
    <tr>
      <th scope="row">
        {label}
        {notFound && <span className="chip-note">not found in Entra</span>}
      </th>
      <td>
        {target === null ? <span className="muted">Prefix + the group’s name</span> : <code>{target}</code>}
        {mapped === null && existing === 'exists' && (
          <p className="field-hint">A Jira group with this name exists and the app does not manage it: map it explicitly to adopt it, or change the prefix.</p>
        )}
        {existing === 'protected' && <p className="field-error">A protected group (default access or admin) is never changed by the app. Choose another.</p>}
        {picking && (
          <GroupSearch
            id={`map-${entraGroupId}`}
            label={`Jira group for ${label}`}
            resolver="searchJiraGroups"
            chosen={(g) => g.name === mapped}
            onResults={onJiraResults}
            pickLabel="Map to"
            onPick={(g) => {
              onMap(g.name);
              setPicking(false);
            }}
          />
        )}
      </td>
      <td>{state}</td>
      {!readOnly && (
        <td className="actions">
          <button type="button" className="button button-subtle button-small" aria-expanded={picking} onClick={() => setPicking((p) => !p)} aria-label={`Map ${label} to an existing Jira group`}>
            {picking ? 'Close' : 'Map to existing'}
          </button>
          {mapped !== null && (
            <button type="button" className="button button-subtle button-small" onClick={() => onMap(null)} aria-label={`Use the default name for ${label}`}>
              Use default name
            </button>
          )}
        </td>
      )}
    </tr>
  );
}
