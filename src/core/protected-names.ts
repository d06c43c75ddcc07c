/**
 * Jira's standard admin and product-access group names (Atlassian's "default groups and
 * permissions"): `site-admins`, `administrators`, `jira-administrators`, `jira-admins-<site>`,
 * `jira-users-<site>`, `jira-software-users-<site>`, ... They are protected by name as well as by
 * the access lookup, so a lookup that misses one (renamed access, a partial answer) cannot expose it.
 * Names are only a backstop: admins may rename these groups, so the lookup by access stays first.
 */
const ADMIN_NAMES = [
  'site-admins',
  'administrators',
  'jira-administrators',
  'jira-admins',
  'system-administrators',
  'org-admins',
  'atlassian-addons-admin',
  'confluence-administrators',
];
const PRODUCT_NAMES = [
  'jira-users',
  'jira-software-users',
  'jira-core-users',
  'jira-servicedesk-users',
  'jira-servicemanagement-users',
  'jira-product-discovery-users',
  'confluence-users',
  'trusted-users',
];

export type WellKnownAccess = 'site-admin' | 'admin' | 'product';

/** The access a group's name says it grants (the name itself, or it followed by `-<site>`), else null. */
export function wellKnownAccess(name: string): WellKnownAccess | null {
  const key = name.trim().toLowerCase();
  const named = (base: string) => key === base || key.startsWith(`${base}-`);
  if (key === 'site-admins') return 'site-admin';
  if (ADMIN_NAMES.some(named)) return 'admin';
  if (PRODUCT_NAMES.some(named)) return 'product';
  return null;
}
