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
  driftCycle: 'schedule',
  nearRealTime: 'schedule',
  removalsEnabled: 'schedule',
  maxPerRun: 'schedule',
  maxPercent: 'schedule',
  maxGroupPercent: 'schedule',
};

/** Each form field as its label reads on the page, to name it in a message. */
export const FIELD_LABELS: Record<FieldName, string> = {
  tenantId: 'Tenant ID',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  cloud: 'Cloud',
  writeMode: 'Act in Jira as',
  accountId: 'Site admin account ID',
  email: 'Service account email',
  apiToken: 'API token',
  scopeMode: 'Users to sync',
  groupIds: 'Chosen Entra groups',
  domains: 'Domains',
  includeGuests: 'Include guests',
  includeDisabled: 'Include disabled accounts',
  identifier: 'Match users by',
  mapping: 'Group mapping',
  namePrefix: 'Jira group name prefix',
  createMissingGroups: 'Create missing Jira groups',
  scheduleMode: 'Run automatically',
  interval: 'Interval',
  cron: 'Cron expression',
  driftCycle: 'Drift repair',
  nearRealTime: 'Near-real-time updates',
  removalsEnabled: 'Remove memberships that Entra no longer has',
  maxPerRun: 'Most removals per run',
  maxPercent: 'Most removals, percent of memberships',
  maxGroupPercent: 'Most removals from one group, percent of its members',
};
