import type { ErrorInfo } from '../../../../../src/shared/resolver-contract';
import type { FieldErrors, FieldName, SettingsForm } from './settings-form';
import { splitList } from './settings-form';

/**
 * The server names each bad setting by its path in the settings object (design.md section 6),
 * e.g. "clientId", "scope.domains.0", "writeAs.accountId". This maps those paths to the form's
 * fields so each message can be shown next to the field it is about.
 */
const PATHS: ReadonlyArray<[prefix: string, field: FieldName]> = [
  ['tenantId', 'tenantId'],
  ['clientId', 'clientId'],
  ['clientSecret', 'clientSecret'],
  ['cloud', 'cloud'],
  ['scope.mode', 'scopeMode'],
  ['scope.groupIds', 'groupIds'],
  ['scope.domains', 'domains'],
  ['scope.includeGuests', 'includeGuests'],
  ['scope.includeDisabled', 'includeDisabled'],
  ['scope', 'scopeMode'],
  ['identifier', 'identifier'],
  ['groups.mapping', 'mapping'],
  ['groups.namePrefix', 'namePrefix'],
  ['groups.createMissing', 'createMissingGroups'],
  ['schedule.interval', 'interval'],
  ['schedule.cron', 'cron'],
  ['schedule', 'scheduleMode'],
  ['driftRepair', 'driftCycle'],
  ['removals.enabled', 'removalsEnabled'],
  ['notifications.enabled', 'nearRealTime'],
  ['notifications', 'nearRealTime'],
  ['removals.maxPerRun', 'maxPerRun'],
  ['removals.maxPercent', 'maxPercent'],
  ['removals.maxGroupPercent', 'maxGroupPercent'],
  ['writeAs.accountId', 'accountId'],
  ['writeAs.email', 'email'],
  ['writeAs.apiToken', 'apiToken'],
  ['writeAs', 'writeMode'],
];

/** The form field a settings path belongs to, or null for a setting the form does not edit. */
export function fieldOfPath(path: string): FieldName | null {
  const clean = path.replace(/^settings\./, '');
  for (const [prefix, field] of PATHS) {
    if (clean === prefix || clean.startsWith(`${prefix}.`)) return field;
  }
  return null;
}

/** "must be a domain such as contoso.com" → "Must be a domain such as contoso.com." */
function sentence(message: string): string {
  const text = message.trim();
  if (!text) return 'Not valid.';
  const first = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** For an item of a list ("scope.domains.2"), the value the admin typed there, so the message can name it. */
function itemOf(path: string, form: SettingsForm): string | null {
  const match = /^(?:settings\.)?(scope\.domains|scope\.groupIds)\.(\d+)/.exec(path);
  if (!match) return null;
  const list = match[1] === 'scope.domains' ? splitList(form.domains) : form.groupIds;
  return list[Number(match[2])] ?? null;
}

/**
 * Field messages from a refused save: one per form field (the first message for it wins), in the
 * order the server listed them. An invalid cron, which the server reports without a path, goes to
 * the cron field.
 */
export function fieldErrorsFrom(error: ErrorInfo, form: SettingsForm): FieldErrors {
  const found: FieldErrors = {};
  for (const f of error.fields ?? []) {
    const field = fieldOfPath(f.path);
    if (!field || found[field]) continue;
    const item = itemOf(f.path, form);
    found[field] = item ? `"${item}": ${f.message.trim()}.`.replace(/\.\.$/, '.') : sentence(f.message);
  }
  if (error.code === 'invalid-cron' && !found.cron) found.cron = error.message;
  return found;
}
