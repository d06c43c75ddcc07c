import { useCallback, useEffect, useState } from 'react';
import type { GroupOption } from '../../../../src/shared/resolver-contract';
import { call } from '../api';

/**
 * Names the page has seen for Entra group IDs, and the Jira groups it knows are protected, so
 * chosen groups show by name and protected targets are refused before saving. Seeded from an
 * empty search (the first 25 of each) and grown by every search the admin makes.
 */
export function useDirectoryNames(enabled: boolean) {
  const [entraNames, setEntraNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [protectedGroups, setProtectedGroups] = useState<ReadonlySet<string>>(new Set());

  const rememberEntra = useCallback((groups: readonly GroupOption[]) => {
    setEntraNames((prev) => {
      const next = new Map(prev);
      for (const g of groups) next.set(g.id.toLowerCase(), g.name);
      return next;
    });
  }, []);

  const rememberJira = useCallback((groups: readonly GroupOption[]) => {
    const found = groups.filter((g) => g.protected).map((g) => g.name.toLowerCase());
    if (found.length === 0) return;
    setProtectedGroups((prev) => new Set([...prev, ...found]));
  }, []);

  useEffect(() => {
    if (!enabled) return;
    void call('searchEntraGroups', { query: '' }).then((res) => res.ok && rememberEntra(res.data));
    void call('searchJiraGroups', { query: '' }).then((res) => res.ok && rememberJira(res.data));
  }, [enabled, rememberEntra, rememberJira]);

  const entraName = useCallback((id: string) => entraNames.get(id.toLowerCase()) ?? null, [entraNames]);
  return { entraName, rememberEntra, rememberJira, protectedGroups };
}

export type DirectoryNames = ReturnType<typeof useDirectoryNames>;
