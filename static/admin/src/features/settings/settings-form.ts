import type { Cloud, SecretState } from '../../../../../src/shared/resolver-contract';

/**
 * The settings form as the page edits it (strings for every text box), how it is read from
 * the stored settings, checked before saving, and turned back into the settings object of
 * design.md section 6. The server validates again and has the last word.
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

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const ACCOUNT_ID = /^[A-Za-z0-9:_-]{1,128}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const GUID_EXAMPLE = '00000000-0000-0000-0000-000000000000';

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
const numText = (v: unknown, fallback: number): string => String(typeof v === 'number' && Number.isFinite(v) ? v : fallback);
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
    nearRealTime: bool(obj(s.notifications).enabled, false),
    removalsEnabled: bool(removals.enabled, true),
    maxPerRun: numText(removals.maxPerRun, 50),
    maxPercent: numText(removals.maxPercent, 10),
    maxGroupPercent: numText(removals.maxGroupPercent, 50),
  };
}

function checkNumber(text: string, min: number, max: number, integer: boolean): string | undefined {
  if (!text.trim()) return 'Required.';
  const n = Number(text);
  if (!Number.isFinite(n)) return 'Enter a number.';
  if (integer && !Number.isInteger(n)) return 'Enter a whole number.';
  if (n < min || n > max) return `Enter a number from ${min} to ${max.toLocaleString('en-US')}.`;
  return undefined;
}

function checkSecret(value: string, stored: SecretState, what: string): string | undefined {
  if (value.length > 1024) return `The ${what} is longer than 1024 characters.`;
  if (!value && !stored.set) return `Enter the ${what}: none is stored yet.`;
  return undefined;
}

/** Field-by-field problems, keyed by field; empty when the form can be saved. */
export function validateForm(f: SettingsForm, secrets: StoredSecrets, protectedGroups: ProtectedGroups = new Set()): FieldErrors {
  const e: FieldErrors = {};
  const tenant = f.tenantId.trim();
  if (!tenant) e.tenantId = 'Required.';
  else if (!GUID.test(tenant) && !DOMAIN.test(tenant)) e.tenantId = `Enter the tenant GUID (${GUID_EXAMPLE}) or a verified domain such as contoso.onmicrosoft.com.`;

  const client = f.clientId.trim();
  if (!client) e.clientId = 'Required.';
  else if (!GUID.test(client)) e.clientId = `Enter the application (client) ID, a GUID like ${GUID_EXAMPLE}.`;

  e.clientSecret = checkSecret(f.clientSecret, secrets.clientSecret, 'client secret');

  if (f.writeMode === 'runAsAdmin') {
    const id = f.accountId.trim();
    if (!id) e.accountId = 'Required: the Atlassian account ID of a site admin.';
    else if (!ACCOUNT_ID.test(id)) e.accountId = 'Enter an Atlassian account ID (letters, digits, ":", "_" or "-").';
  } else {
    const mail = f.email.trim();
    if (!mail) e.email = 'Required.';
    else if (!EMAIL.test(mail) || mail.length > 254) e.email = 'Enter an email address.';
    e.apiToken = checkSecret(f.apiToken, secrets.apiToken, 'API token');
  }

  const badGroup = f.groupIds.find((g) => !GUID.test(g));
  if (badGroup) e.groupIds = `"${badGroup}" is not an Entra group object ID (a GUID like ${GUID_EXAMPLE}). Remove it and pick the group from the search.`;
  else if (f.scopeMode === 'groups' && f.groupIds.length === 0) e.groupIds = 'Choose at least one Entra group, or choose "All users".';
  else if (f.groupIds.length > 500) e.groupIds = 'At most 500 groups.';

  e.mapping = checkMapping(f.mapping, protectedGroups);

  const domains = splitList(f.domains);
  const badDomain = domains.find((d) => !DOMAIN.test(d));
  if (badDomain) e.domains = `"${badDomain}" is not a domain such as contoso.com.`;
  else if (domains.length > 100) e.domains = 'At most 100 domains.';

  if (f.namePrefix.length > 64) e.namePrefix = 'At most 64 characters.';
  else if (CONTROL.test(f.namePrefix)) e.namePrefix = 'Must not contain control characters.';

  e.maxPerRun = checkNumber(f.maxPerRun, 0, 1_000_000, true);
  e.maxPercent = checkNumber(f.maxPercent, 0, 100, false);
  e.maxGroupPercent = checkNumber(f.maxGroupPercent, 0, 100, false);
  if (f.scheduleMode === 'cron') {
    if (!f.cron.trim()) e.cron = 'Enter a cron expression, such as 0 */2 * * * (every two hours).';
    else if (f.cron.length > 120) e.cron = 'At most 120 characters.';
  }

  for (const key of Object.keys(e) as FieldName[]) if (e[key] === undefined) delete e[key];
  return e;
}

const JIRA_GROUP_NAME = /^(?!\s)(?!.*\s$)[^\u0000-\u001f\u007f]{1,255}$/;

function checkMapping(rows: readonly MappingRow[], protectedGroups: ProtectedGroups): string | undefined {
  const seen = new Set<string>();
  for (const row of rows) {
    if (!GUID.test(row.entraGroupId)) return 'Each mapping needs an Entra group: pick one from the search.';
    if (!row.jiraGroup.trim()) return 'Each mapping needs a Jira group: pick one, or remove the row to use the default name.';
    if (!JIRA_GROUP_NAME.test(row.jiraGroup)) return `"${row.jiraGroup}" is not a valid Jira group name (1 to 255 characters, no control characters or surrounding spaces).`;
    if (protectedGroups.has(row.jiraGroup.toLowerCase())) return `"${row.jiraGroup}" is a protected Jira group (default access or admin): the app never changes it. Choose another group.`;
    const key = row.entraGroupId.toLowerCase();
    if (seen.has(key)) return 'Each Entra group may be mapped once: remove the duplicate row.';
    seen.add(key);
  }
  if (rows.length > 500) return 'At most 500 mappings.';
  return undefined;
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
    groups: { mapping: f.mapping.map((m) => ({ entraGroupId: m.entraGroupId, jiraGroup: m.jiraGroup })), namePrefix: f.namePrefix, createMissing: f.createMissingGroups },
    schedule:
      f.scheduleMode === 'off'
        ? { enabled: false, ...(f.cron.trim() ? { cron: f.cron.trim() } : { interval: f.interval }) }
        : f.scheduleMode === 'cron'
          ? { enabled: true, cron: f.cron.trim() }
          : { enabled: true, interval: f.interval },
    removals: { enabled: f.removalsEnabled, maxPerRun: Number(f.maxPerRun), maxPercent: Number(f.maxPercent), maxGroupPercent: Number(f.maxGroupPercent) },
    notifications: { enabled: f.nearRealTime },
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
  return JSON.stringify(settingsFromForm(f, stored)) !== JSON.stringify(settingsFromForm(formFromSettings(stored), stored));
}
