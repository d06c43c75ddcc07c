import type { TargetState } from './resolver-contract';

/**
 * How the page (Scope & mapping) and Explain a user name each target state: one wording, so
 * the two never disagree about whether the app manages a group.
 */
export const TARGET_STATE_TEXT: Record<TargetState, { label: string; detail: string }> = {
  managed: { label: 'Managed by the app', detail: 'managed by the app' },
  create: {
    label: 'Not created yet',
    detail: 'created by the app when a sync applies (it did not exist when planned)',
  },
  missing: { label: 'Missing', detail: 'missing, and group creation is off' },
  conflict: { label: 'Conflict', detail: 'an existing group the app does not manage (map it explicitly to adopt it)' },
  protected: { label: 'Protected: refused', detail: 'protected (default access or admin group): never changed' },
  invalid: {
    label: 'Name not usable',
    detail: 'not usable: its derived name is blank or collides with another chosen group (map it explicitly)',
  },
};
