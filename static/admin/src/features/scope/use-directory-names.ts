import { useCallback, useEffect, useRef, useState } from 'react';
import type { GroupOption } from '../../../../../src/shared/resolver-contract';
import { api } from '../../api';

/** getEntraGroups takes at most this many IDs a call. */
const IDS_PER_CALL = 500;
/** What getEntraGroups accepts as an ID; anything else is shown as typed (the form flags it). */
const ENTRA_ID = /^[0-9a-f-]{36}$/;

/**
 * Names of Entra groups by ID, and the Jira groups the page knows are protected, so chosen groups
 * show by name and protected targets are refused before saving. Entra names of the saved groups
 * come from getEntraGroups (`lookUp`); every search the admin makes adds the names it shows.
 * Jira's protected groups are seeded from an empty search and grown by later searches.
 */
export function useDirectoryNames(enabled: boolean) {
  const [entraNames, setEntraNames] = useState<ReadonlyMap<string, string>>(new Map());
  /** IDs Entra answered for without the group: deleted, or not visible to the app. */
  const [notFound, setNotFound] = useState<ReadonlySet<string>>(new Set());
  const [protectedGroups, setProtectedGroups] = useState<ReadonlySet<string>>(new Set());
  const asked = useRef(new Set<string>());

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

  /** Reads the names of these Entra groups, each ID once per page load. */
  const lookUp = useCallback(
    async (ids: readonly string[]) => {
      const wanted = [...new Set(ids.map((id) => id.toLowerCase()))].filter(
        (id) => ENTRA_ID.test(id) && !asked.current.has(id),
      );
      for (let i = 0; i < wanted.length; i += IDS_PER_CALL) {
        const batch = wanted.slice(i, i + IDS_PER_CALL);
        for (const id of batch) asked.current.add(id);
        const res = await api.getEntraGroups({ ids: batch });
        if (!res.ok) {
          // Names stay unknown (the IDs are shown); a later look-up may try again.
          for (const id of batch) asked.current.delete(id);
          continue;
        }
        rememberEntra(res.data);
        const answered = new Set(res.data.map((g) => g.id.toLowerCase()));
        const missing = batch.filter((id) => !answered.has(id));
        if (missing.length > 0) setNotFound((prev) => new Set([...prev, ...missing]));
      }
    },
    [rememberEntra],
  );

  useEffect(() => {
    if (!enabled) return;
    void api.searchJiraGroups({ query: '' }).then((res) => res.ok && rememberJira(res.data));
  }, [enabled, rememberJira]);

  const entraName = useCallback((id: string) => entraNames.get(id.toLowerCase()) ?? null, [entraNames]);
  const isMissing = useCallback(
    (id: string) => notFound.has(id.toLowerCase()) && !entraNames.has(id.toLowerCase()),
    [notFound, entraNames],
  );
  return { entraName, isMissing, lookUp, rememberEntra, rememberJira, protectedGroups };
}

export type DirectoryNames = ReturnType<typeof useDirectoryNames>;
