import type { SecretState } from '../../../../../src/shared/resolver-contract';
import type { FieldErrors, FieldName, MappingRow, ProtectedGroups, SettingsForm, StoredSecrets } from './settings-form';
import { splitList } from './settings-form';

/** The form checked before saving, field by field; the server checks again and has the last word. */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const ACCOUNT_ID = /^[A-Za-z0-9:_-]{1,128}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const GUID_EXAMPLE = '00000000-0000-0000-0000-000000000000';

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
export function validateForm(
  f: SettingsForm,
  secrets: StoredSecrets,
  protectedGroups: ProtectedGroups = new Set(),
): FieldErrors {
  const e: FieldErrors = {};
  const tenant = f.tenantId.trim();
  if (!tenant) e.tenantId = 'Required.';
  else if (!GUID.test(tenant) && !DOMAIN.test(tenant))
    e.tenantId = `Enter the tenant GUID (${GUID_EXAMPLE}) or a verified domain such as contoso.onmicrosoft.com.`;

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
  if (badGroup)
    e.groupIds = `"${badGroup}" is not an Entra group object ID (a GUID like ${GUID_EXAMPLE}). Remove it and pick the group from the search.`;
  else if (f.scopeMode === 'groups' && f.groupIds.length === 0)
    e.groupIds = 'Choose at least one Entra group, or choose "All users".';
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
    if (!row.jiraGroup.trim())
      return 'Each mapping needs a Jira group: pick one, or remove the row to use the default name.';
    if (!JIRA_GROUP_NAME.test(row.jiraGroup))
      return `"${row.jiraGroup}" is not a valid Jira group name (1 to 255 characters, no control characters or surrounding spaces).`;
    if (protectedGroups.has(row.jiraGroup.toLowerCase()))
      return `"${row.jiraGroup}" is a protected Jira group (default access or admin): the app never changes it. Choose another group.`;
    const key = row.entraGroupId.toLowerCase();
    if (seen.has(key)) return 'Each Entra group may be mapped once: remove the duplicate row.';
    seen.add(key);
  }
  if (rows.length > 500) return 'At most 500 mappings.';
  return undefined;
}
