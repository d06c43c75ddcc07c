import { useEffect, useState } from 'react';
import type { ErrorInfo, GroupOption } from '../../../../src/shared/resolver-contract';
import { call } from '../api';
import { ErrorBanner } from './banner';
import { Lozenge } from './lozenge';

interface GroupSearchProps {
  id: string;
  label: string;
  resolver: 'searchEntraGroups' | 'searchJiraGroups';
  /** IDs or names already chosen: shown as chosen, not offered again. */
  chosen: (g: GroupOption) => boolean;
  onPick: (g: GroupOption) => void;
  onResults?: (groups: GroupOption[]) => void;
  pickLabel?: string;
  hint?: string;
}

const DEBOUNCE_MS = 250;

/** A search box over Entra or Jira groups with the matches as a list to pick from. */
export function GroupSearch({ id, label, resolver, chosen, onPick, onResults, pickLabel = 'Add', hint }: GroupSearchProps) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<GroupOption[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!open) return;
    let current = true;
    setLoading(true);
    const timer = window.setTimeout(() => {
      void call(resolver, { query: query.trim().slice(0, 120) }).then((res) => {
        if (!current) return;
        setLoading(false);
        if (res.ok) {
          setResults(res.data);
          setError(null);
          onResults?.(res.data);
        } else {
          setError(res.error);
        }
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [open, query, resolver, onResults]);

  const shown = results ?? [];
  return (
    <div className="group-search">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input"
        type="search"
        value={query}
        placeholder="Type part of a group name"
        autoComplete="off"
        aria-describedby={hint ? `${id}-hint` : undefined}
        aria-controls={`${id}-results`}
        onFocus={() => setOpen(true)}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
      />
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && <ErrorBanner error={error} title="The group search failed" />}
      <div id={`${id}-results`} className="search-results" hidden={!open}>
        <p className="visually-hidden" role="status" aria-live="polite">
          {loading ? 'Searching…' : results ? `${shown.length} groups found` : ''}
        </p>
        {open && !loading && results && shown.length === 0 && <p className="empty">No group matches “{query.trim()}”.</p>}
        {shown.length > 0 && (
          <ul className="plain-list option-list" aria-label={`${label}: results`}>
            {shown.map((g) => {
              const taken = chosen(g);
              return (
                <li key={g.id} className="option">
                  <span className="option-name">{g.name}</span>
                  {g.protected && <Lozenge tone="removed">Protected</Lozenge>}
                  <button
                    type="button"
                    className="button button-subtle button-small"
                    disabled={taken || g.protected === true}
                    aria-label={`${pickLabel} ${g.name}`}
                    title={g.protected ? 'Protected groups (default access, admin) are never changed by the app.' : undefined}
                    onClick={() => onPick(g)}
                  >
                    {taken ? 'Chosen' : g.protected ? 'Not allowed' : pickLabel}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}
