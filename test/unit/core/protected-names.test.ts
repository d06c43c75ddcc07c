import { wellKnownAccess } from '../../../src/core/protected-names';

/** The standard admin and product-access group names, protected even when the access lookup misses them. */
describe('wellKnownAccess', () => {
  it.each([
    ['site-admins', 'site-admin'],
    ['Site-Admins', 'site-admin'],
    ['administrators', 'admin'],
    ['jira-admins-acme', 'admin'],
    ['org-admins', 'admin'],
    ['jira-users-acme', 'product'],
    ['trusted-users-0a1b', 'product'],
    ['confluence-users', 'product'],
    ['administrators-team', 'admin'],
    ['my-administrators', null],
    ['jira-usersx', null],
    ['engineering', null],
    [' Site-Admins ', 'site-admin'],
    ['site-admins-eu', 'admin'],
    ['jira-administrators', 'admin'],
    ['system-administrators', 'admin'],
    ['atlassian-addons-admin', 'admin'],
    ['confluence-administrators', 'admin'],
    ['jira-software-users-acme', 'product'],
    ['jira-core-users', 'product'],
    ['jira-servicedesk-users-acme', 'product'],
    ['jira-servicemanagement-users-acme', 'product'],
    ['jira-product-discovery-users', 'product'],
    ['jira-admins', 'admin'],
    ['jira-users', 'product'],
    ['trusted-users', 'product'],
  ])('knows %s by name as %s', (name, access) => {
    expect(wellKnownAccess(name)).toBe(access);
  });
});
