import { useMemo } from 'react';
import type { GroupTargetView } from '../../../../../src/shared/resolver-contract';
import { api } from '../../api';
import { useDebouncedQuery } from '../../hooks/use-debounced-query';

interface TargetRules {
  groups: Array<{ id: string; name: string }>;
  mapping: Array<{ entraGroupId: string; jiraGroup: string }>;
  namePrefix: string;
  createMissing: boolean;
}

/**
 * The Jira group and state of each chosen Entra group under the form's rules, decided on the
 * server by the same rules a run uses (so the app's own groups read as managed). Re-read as the
 * rules change, a moment after typing stops.
 */
export function useGroupTargets(rules: TargetRules): Map<string, GroupTargetView> {
  const key = JSON.stringify(rules);
  const { data } = useDebouncedQuery(
    rules.groups.length === 0 ? null : () => api.getGroupTargets(JSON.parse(key) as TargetRules),
    [key],
  );
  return useMemo(() => new Map((data ?? []).map((t) => [t.entraGroupId.toLowerCase(), t])), [data]);
}
