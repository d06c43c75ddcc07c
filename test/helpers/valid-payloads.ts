import type { ResolverName } from '../../src/shared/resolver-contract';

/** A valid payload for every resolver (the type makes a new resolver impossible to forget here). */
export function validPayloads(
  runId: string,
  settings: Record<string, unknown>,
): Record<ResolverName, Record<string, unknown>> {
  return {
    getSettings: {},
    saveSettings: { settings },
    testConnection: {},
    preview: {},
    syncNow: {},
    getRun: { runId },
    listRuns: {},
    cancelRun: { runId },
    approveRun: { runId },
    discardRun: { runId },
    getStatus: {},
    explainUser: { query: 'alice' },
    previewSchedule: { cron: '0 * * * *' },
    exportSettings: {},
    importSettings: { settings },
    searchEntraGroups: { query: 'Eng' },
    searchJiraGroups: { query: 'sales' },
    getRunLog: { runId },
    getRunChanges: { runId },
    getCaller: {},
    getEntraGroups: { ids: ['10000000-0000-4000-8000-000000000001'] },
    getGroupTargets: {
      groups: [{ id: '10000000-0000-4000-8000-000000000001', name: 'Engineering' }],
      mapping: [],
      namePrefix: 'entra-',
      createMissing: true,
    },
  };
}
