import type { SimRequest, SimResponse } from '../sim-server';
import { AADSTS } from './aadsts-errors';
import type { SimApp } from './app-registration';
import type { TokenIssuer } from './access-tokens';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** `/{tenant}/oauth2/v2.0/token`; returns the decoded tenant segment, or undefined for other paths. */
export function matchTokenPath(path: string): string | undefined {
  const match = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1];
  }
}

/** Client credentials as Entra reads them: form fields, or HTTP Basic (RFC 6749) which Entra also accepts. */
function credentials(request: SimRequest): {
  clientId?: string;
  clientSecret?: string;
  fields: Record<string, string>;
} {
  const fields =
    request.body !== null && typeof request.body === 'object' ? (request.body as Record<string, string>) : {};
  const basic = /^Basic\s+(.+)$/i.exec(String(request.headers.authorization ?? ''));
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0)
      return {
        clientId: decodeURIComponent(decoded.slice(0, colon)),
        clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
        fields,
      };
  }
  return { clientId: fields.client_id, clientSecret: fields.client_secret, fields };
}

/**
 * The client-credentials grant, checked in the order Entra reports problems: tenant, request shape,
 * application, secret, scope. Consent is not checked here: a token without roles is still issued.
 */
export function handleTokenRequest(
  request: SimRequest,
  tenant: string,
  app: SimApp,
  issuer: TokenIssuer,
  nowMs: number,
): SimResponse {
  if (request.method !== 'POST')
    return {
      status: 405,
      body: { error: 'invalid_request', error_description: 'AADSTS900561: The endpoint only accepts POST requests.' },
    };
  const lowered = tenant.toLowerCase();
  if (lowered === 'common' || lowered === 'consumers') return AADSTS.commonEndpoint();
  if (!GUID.test(tenant) && !DNS_NAME.test(tenant)) return AADSTS.tenantMalformed(tenant);
  // "in GUID or domain-name format" (Microsoft identity platform, client credentials flow): a
  // verified domain names the same tenant as its GUID.
  if (lowered !== app.tenantId.toLowerCase() && !app.verifiedDomains.has(lowered)) return AADSTS.tenantNotFound(tenant);

  const { clientId, clientSecret, fields } = credentials(request);
  if (!fields.grant_type) return AADSTS.missingParameter('grant_type');
  if (fields.grant_type !== 'client_credentials') return AADSTS.unsupportedGrant();
  if (!clientId) return AADSTS.missingParameter('client_id');
  if (clientId.toLowerCase() !== app.clientId.toLowerCase()) return AADSTS.appNotFound(clientId, tenant);

  if (!clientSecret) return AADSTS.secretMissing();
  if (app.clientSecret === undefined || clientSecret !== app.clientSecret) return AADSTS.secretInvalid(app.clientId);
  if (Date.parse(app.secretEndDateTime) <= nowMs) return AADSTS.secretExpired(app.clientId);

  const scope = (fields.scope ?? '').trim();
  if (!scope) return AADSTS.missingParameter('scope');
  if (!scope.endsWith('/.default')) return AADSTS.scopeNotDefault(scope);
  const resource = scope.slice(0, -'/.default'.length);
  // A scope for another cloud's Graph is a resource this tenant's cloud does not have.
  if (resource.toLowerCase() !== app.graphResource.toLowerCase()) return AADSTS.resourceNotFound(resource, tenant);

  const { accessToken, expiresIn } = issuer.issue(app, nowMs);
  return {
    status: 200,
    headers: { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
    body: { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: accessToken },
  };
}
