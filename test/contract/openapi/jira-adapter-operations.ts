/** The Jira operations the adapter (src/adapters/jira) calls: the subset kept of Atlassian's OpenAPI document. */
export const JIRA_ADAPTER_OPERATIONS = [
  ['get', '/rest/api/3/users/search'],
  ['get', '/rest/api/3/user'],
  ['get', '/rest/api/3/user/search'],
  ['get', '/rest/api/3/user/groups'],
  ['post', '/rest/api/3/user'],
  ['get', '/rest/api/3/user/email/bulk'],
  ['get', '/rest/api/3/myself'],
  ['get', '/rest/api/3/mypermissions'],
  ['get', '/rest/api/3/group/bulk'],
  ['get', '/rest/api/3/group/member'],
  ['get', '/rest/api/3/groups/picker'],
  ['post', '/rest/api/3/group'],
  ['post', '/rest/api/3/group/user'],
  ['delete', '/rest/api/3/group/user'],
] as const;

/** Operations the Forge composition calls itself (the site's base URL), kept in the subset too. */
export const JIRA_COMPOSITION_OPERATIONS = [['get', '/rest/api/3/serverInfo']] as const;
