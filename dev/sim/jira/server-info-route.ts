import type { JiraRoute } from './route-context';

/** GET /rest/api/3/serverInfo: the site's public base URL (what the app sends API-token requests to). */
export const getServerInfo: JiraRoute = ({ siteUrl }) => ({
  status: 200,
  body: {
    baseUrl: siteUrl,
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100000,
    serverTitle: 'Jira',
  },
});
