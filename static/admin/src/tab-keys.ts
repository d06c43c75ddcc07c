import type { FieldName } from './settings-form';

export type TabKey = 'connection' | 'scope' | 'schedule' | 'sync' | 'history' | 'explain' | 'transfer';

export const TAB_LABELS: Record<TabKey, string> = {
  connection: 'Connection',
  scope: 'Scope & mapping',
  schedule: 'Schedule & safety',
  sync: 'Preview & sync',
  history: 'History',
  explain: 'Explain a user',
  transfer: 'Import/export',
};

/** The settings tab each form field lives on, so a save can point at a problem on another tab. */
export const FIELD_TAB: Record<FieldName, TabKey> = {
  tenantId: 'connection',
  clientId: 'connection',
  clientSecret: 'connection',
  cloud: 'connection',
  writeMode: 'connection',
  accountId: 'connection',
  email: 'connection',
  apiToken: 'connection',
  scopeMode: 'scope',
  groupIds: 'scope',
  domains: 'scope',
  includeGuests: 'scope',
  includeDisabled: 'scope',
  identifier: 'scope',
  mapping: 'scope',
  namePrefix: 'scope',
  createMissingGroups: 'scope',
  scheduleMode: 'schedule',
  interval: 'schedule',
  cron: 'schedule',
  removalsEnabled: 'schedule',
  maxPerRun: 'schedule',
  maxPercent: 'schedule',
};
