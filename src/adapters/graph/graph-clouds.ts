/**
 * Login and Graph hosts per national cloud (facts file section 5). Tokens are not interchangeable
 * across clouds, so each cloud pairs its own authority with its own Graph resource.
 */
export type GraphCloud = 'global' | 'usgov' | 'usgov-dod' | 'china';

export interface GraphCloudEndpoints {
  label: string;
  loginBaseUrl: string;
  graphBaseUrl: string;
  /** The client-credentials scope: the Graph resource plus `/.default`. */
  scope: string;
  portal: string;
}

export const GRAPH_CLOUDS: Readonly<Record<GraphCloud, GraphCloudEndpoints>> = {
  global: {
    label: 'Global',
    loginBaseUrl: 'https://login.microsoftonline.com',
    graphBaseUrl: 'https://graph.microsoft.com',
    scope: 'https://graph.microsoft.com/.default',
    portal: 'https://portal.azure.com',
  },
  usgov: {
    label: 'US Government L4 (GCC High)',
    loginBaseUrl: 'https://login.microsoftonline.us',
    graphBaseUrl: 'https://graph.microsoft.us',
    scope: 'https://graph.microsoft.us/.default',
    portal: 'https://portal.azure.us',
  },
  'usgov-dod': {
    label: 'US Government L5 (DoD)',
    loginBaseUrl: 'https://login.microsoftonline.us',
    graphBaseUrl: 'https://dod-graph.microsoft.us',
    scope: 'https://dod-graph.microsoft.us/.default',
    portal: 'https://portal.azure.us',
  },
  china: {
    label: 'China (21Vianet)',
    // The Entra national-cloud doc's authority (also MSAL's built-in one); the Graph doc's
    // login.chinacloudapi.cn is an older alias of the same service.
    loginBaseUrl: 'https://login.partner.microsoftonline.cn',
    graphBaseUrl: 'https://microsoftgraph.chinacloudapi.cn',
    scope: 'https://microsoftgraph.chinacloudapi.cn/.default',
    portal: 'https://portal.azure.cn',
  },
};

/** Every login and Graph host the app may call, for the manifest's egress list. */
export function graphEgressHosts(): string[] {
  const hosts = Object.values(GRAPH_CLOUDS).flatMap((cloud) => [
    new URL(cloud.loginBaseUrl).host,
    new URL(cloud.graphBaseUrl).host,
  ]);
  return [...new Set(hosts)];
}
