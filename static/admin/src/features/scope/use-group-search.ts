import { useEffect, useState } from 'react';
import type { GroupOption } from '../../../../../src/shared/resolver-contract';
import { api } from '../../api';
import { useDebouncedQuery } from '../../hooks/use-debounced-query';

export type GroupResolver = 'searchEntraGroups' | 'searchJiraGroups';

/**
 * Groups found on the server for the text typed in a group picker. Nothing is asked until the
 * picker first opens (`search`): the names of chosen groups come by ID, not by searching.
 */
export function useGroupSearch(resolver: GroupResolver, onResults?: (groups: GroupOption[]) => void) {
  const [query, setQuery] = useState<string | null>(null);
  const found = useDebouncedQuery(query === null ? null : () => api[resolver]({ query: query.trim().slice(0, 120) }), [
    resolver,
    query,
  ]);
  const { data } = found;
  useEffect(() => {
    if (data) onResults?.(data);
    // Told once per answer; the callback may be a new closure on every render.
  }, [data]);
  return { ...found, search: setQuery };
}
