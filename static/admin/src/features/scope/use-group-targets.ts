import { useEffect, useState } from 'react';
import type { GroupTargetView } from '../../../../../src/shared/resolver-contract';
import { call } from '../../api';

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
export function useGroupTargets(rules: TargetRules): { targets: Map<string, GroupTargetView>; checking: boolean } {
  const [targets, setTargets] = useState<Map<string, GroupTargetView>>(new Map());
  const [checking, setChecking] = useState(false);
  const key = JSON.stringify(rules);
  useEffect(() => {
    const request = JSON.parse(key) as TargetRules;
    if (request.groups.length === 0) {
      setTargets(new Map());
      return;
    }
    let current = true;
    setChecking(true);
    const timer = window.setTimeout(() => {
      void call('getGroupTargets', request).then((res) => {
        if (!current) return;
        setChecking(false);
        if (res.ok) setTargets(new Map(res.data.map((t) => [t.entraGroupId.toLowerCase(), t])));
      });
    }, 300);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [key]);
  return { targets, checking };
}
