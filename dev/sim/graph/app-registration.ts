import type { Scenario } from '../../scenario/scenario';

/** The one app registration the simulated tenant knows, with the defaults of the scenario's settings. */
export interface SimApp {
  /** The tenant's GUID (the token's `tid`). */
  tenantId: string;
  /** The tenant's verified domains, lower-case; the token endpoint takes any of them for the GUID. */
  verifiedDomains: Set<string>;
  clientId: string;
  /** Undefined means the registration has no secret at all (every secret is wrong). */
  clientSecret: string | undefined;
  secretEndDateTime: string;
  roles: string[];
  /** The cloud whose Graph resource this tenant lives in; the token's scope must name it. */
  graphResource: string;
  /** Object id of the application object (differs from the client id, as in Entra). */
  objectId: string;
}

const GRAPH_RESOURCE_BY_CLOUD: Record<string, string> = {
  global: 'https://graph.microsoft.com',
  usgov: 'https://graph.microsoft.us',
  'usgov-dod': 'https://dod-graph.microsoft.us',
  china: 'https://microsoftgraph.chinacloudapi.cn',
};

export const DEFAULT_ROLES = ['User.Read.All', 'GroupMember.Read.All'];

export function resolveApp(scenario: Scenario): SimApp {
  const app = scenario.entra.app ?? {};
  const settings = scenario.settings;
  const clientId = (app.clientId ?? settings.clientId).trim();
  return {
    tenantId: (app.tenantId ?? settings.tenantId).trim(),
    verifiedDomains: verifiedDomains(scenario),
    clientId,
    clientSecret: app.clientSecret ?? settings.clientSecret,
    // A far-future default keeps secrets valid unless a scenario sets an expiry.
    secretEndDateTime: app.secretEndDateTime ?? '2099-12-31T00:00:00Z',
    roles: app.roles ?? DEFAULT_ROLES,
    graphResource: GRAPH_RESOURCE_BY_CLOUD[settings.cloud ?? 'global'] ?? GRAPH_RESOURCE_BY_CLOUD.global!,
    objectId: deriveObjectId(clientId),
  };
}

/**
 * A UPN's suffix must be one of the tenant's verified domains (guests' `#EXT#` UPNs use the initial
 * `*.onmicrosoft.com` domain), so those suffixes are verified; the scenario may name more.
 */
function verifiedDomains(scenario: Scenario): Set<string> {
  const fromUpns = scenario.entra.users.map((u) => u.userPrincipalName.slice(u.userPrincipalName.lastIndexOf('@') + 1));
  return new Set([...fromUpns, ...(scenario.entra.verifiedDomains ?? [])].filter(Boolean).map((d) => d.toLowerCase()));
}

/** A stable GUID-shaped id derived from another id, so scenario runs are repeatable. */
export function deriveObjectId(seed: string): string {
  let hash = 0x811c9dc5;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const char of `${round}:${seed}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(hash.toString(16).padStart(8, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
}
