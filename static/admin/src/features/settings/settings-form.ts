import type { Cloud, DriftCycleSetting, SecretState } from '../../../../../src/shared/resolver-contract';

/**
 * The settings form as the page edits it (strings for every text box), how it is read from
 * the stored settings and turned back into the settings object of design.md section 6
 * (validate-form.ts checks it before saving; the server checks again and has the last word).
 */

export type WriteMode = 'runAsAdmin' | 'apiToken';
export type ScopeMode = 'all' | 'groups';
export type Identifier = 'mail' | 'userPrincipalName';
export type ScheduleMode = 'off' | 'preset' | 'cron';
export type Interval = '5m' | '15m' | '1h' | '4h' | '24h';

export interface MappingRow {
  entraGroupId: string;
  jiraGroup: string;
}

export interface SettingsForm {
  tenantId: string;
  clientId: string;
  /** Blank keeps the stored secret. */
  clientSecret: string;
  cloud: Cloud;
  writeMode: WriteMode;
  accountId: string;
  email: string;
  /** Blank keeps the stored token. */
  apiToken: string;
  scopeMode: ScopeMode;
  groupIds: string[];
  domains: string;
  includeGuests: boolean;
  includeDisabled: boolean;
  identifier: Identifier;
  mapping: MappingRow[];
  namePrefix: string;
  createMissingGroups: boolean;
  scheduleMode: ScheduleMode;
  interval: Interval;
  cron: string;
  driftCycle: DriftCycleSetting;
  nearRealTime: boolean;
  removalsEnabled: boolean;
  maxPerRun: string;
  maxPercent: string;
  maxGroupPercent: string;
}

export type FieldName = keyof SettingsForm;
export const INTERVALS: ReadonlyArray<{ value: Interval; label: string }> = [
  { value: '5m', label: 'Every 5 minutes' },
  { value: '15m', label: 'Every 15 minutes' },
  { value: '1h', label: 'Every hour' },
  { value: '4h', label: 'Every 4 hours' },
  { value: '24h', label: 'Every 24 hours' },
];
const INTERVAL_VALUES = INTERVALS.map((i) => i.value);

/** Jira group names the page knows are protected (default access, admin groups): never a mapping target. */
export type ProtectedGroups = ReadonlySet<string>;

export type FieldErrors = Partial<Record<FieldName, string>>;

export interface StoredSecrets {
  clientSecret: SecretState;
  apiToken: SecretState;
}

export const CLOUD_OPTIONS: ReadonlyArray<{ value: Cloud; label: string }> = [
  { value: 'global', label: 'Global (login.microsoftonline.com)' },
  { value: 'usgov', label: 'US Gov GCC High' },
  { value: 'usgov-dod', label: 'US Gov DoD' },
  { value: 'china', label: 'China (21Vianet)' },
];

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
const numText = (v: unknown, fallback: number): string =>
  String(typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function oneOf<T extends string>(v: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(v as T) ? (v as T) : fallback;
}

/** Splits a list typed as lines, commas, semicolons or spaces. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function formFromSettings(settings: Obj | null): SettingsForm {
  const s = obj(settings);
  const scope = obj(s.scope);
  const groups = obj(s.groups);
  const removals = obj(s.removals);
  const writeAs = obj(s.writeAs);
  const schedule = obj(s.schedule);
  const cron = str(schedule.cron);
  const mapping = Array.isArray(groups.mapping)
    ? groups.mapping.map((m) => ({ entraGroupId: str(obj(m).entraGroupId), jiraGroup: str(obj(m).jiraGroup) }))
    : [];
  return {
    tenantId: str(s.tenantId),
    clientId: str(s.clientId),
    clientSecret: '',
    cloud: oneOf(s.cloud, ['global', 'usgov', 'usgov-dod', 'china'] as const, 'global'),
    writeMode: oneOf(writeAs.mode, ['runAsAdmin', 'apiToken'] as const, 'runAsAdmin'),
    accountId: str(writeAs.accountId),
    email: str(writeAs.email),
    apiToken: '',
    scopeMode: oneOf(scope.mode, ['groups', 'all'] as const, 'groups'),
    groupIds: strings(scope.groupIds),
    domains: strings(scope.domains).join(', '),
    includeGuests: bool(scope.includeGuests, false),
    includeDisabled: bool(scope.includeDisabled, false),
    identifier: oneOf(s.identifier, ['mail', 'userPrincipalName'] as const, 'mail'),
    mapping,
    namePrefix: str(groups.namePrefix),
    createMissingGroups: bool(groups.createMissing, true),
    scheduleMode: !bool(schedule.enabled, false) ? 'off' : cron ? 'cron' : 'preset',
    interval: oneOf(schedule.interval, INTERVAL_VALUES, '1h'),
    cron,
    driftCycle: oneOf(obj(s.driftRepair).cycle, ['auto', 'daily', 'weekly'] as const, 'auto'),
    nearRealTime: bool(obj(s.notifications).enabled, false),
    removalsEnabled: bool(removals.enabled, true),
    maxPerRun: numText(removals.maxPerRun, 50),
    maxPercent: numText(removals.maxPercent, 10),
    maxGroupPercent: numText(removals.maxGroupPercent, 50),
  };
}

/**
 * The settings object to save. Parts the form does not edit (user creation and products) are
 * carried over from what is stored; a blank secret is left out, which keeps it.
 */
export function settingsFromForm(f: SettingsForm, stored: Obj | null): Obj {
  const base = obj(stored);
  const writeAs: Obj =
    f.writeMode === 'runAsAdmin'
      ? { mode: 'runAsAdmin', accountId: f.accountId.trim() }
      : { mode: 'apiToken', email: f.email.trim(), ...(f.apiToken ? { apiToken: f.apiToken } : {}) };
  const settings: Obj = {
    ...base,
    tenantId: f.tenantId.trim(),
    clientId: f.clientId.trim(),
    cloud: f.cloud,
    scope: {
      mode: f.scopeMode,
      groupIds: [...f.groupIds],
      domains: splitList(f.domains).map((d) => d.toLowerCase()),
      includeGuests: f.includeGuests,
      includeDisabled: f.includeDisabled,
    },
    identifier: f.identifier,
    groups: {
      mapping: f.mapping.map((m) => ({ entraGroupId: m.entraGroupId, jiraGroup: m.jiraGroup })),
      namePrefix: f.namePrefix,
      createMissing: f.createMissingGroups,
    },
    schedule:
      f.scheduleMode === 'off'
        ? { enabled: false, ...(f.cron.trim() ? { cron: f.cron.trim() } : { interval: f.interval }) }
        : f.scheduleMode === 'cron'
          ? { enabled: true, cron: f.cron.trim() }
          : { enabled: true, interval: f.interval },
    removals: {
      enabled: f.removalsEnabled,
      maxPerRun: Number(f.maxPerRun),
      maxPercent: Number(f.maxPercent),
      maxGroupPercent: Number(f.maxGroupPercent),
    },
    notifications: { enabled: f.nearRealTime },
    // Saved once stored or chosen: settings from an app version before drift repair keep their shape.
    ...('driftRepair' in base || f.driftCycle !== 'auto' ? { driftRepair: { cycle: f.driftCycle } } : {}),
    writeAs,
  };
  delete settings.clientSecret;
  if (f.clientSecret) settings.clientSecret = f.clientSecret;
  return settings;
}

/**
 * True when saving the form would change what is stored (typed secrets count as a change).
 * Compared as settings, so text the form keeps but does not save (a cron after switching to an
 * interval) is not a change.
 */
export function isDirty(f: SettingsForm, stored: Obj | null): boolean {
  if (f.clientSecret || f.apiToken) return true;
  return (
    JSON.stringify(settingsFromForm(f, stored)) !== JSON.stringify(settingsFromForm(formFromSettings(stored), stored))
  );
}
