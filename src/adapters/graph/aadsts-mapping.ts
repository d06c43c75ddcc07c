import type { ErrorCode } from '../../core/errors';
import { SyncError } from '../../core/errors';
import type { GraphCloudEndpoints } from './graph-clouds';
import { redactSecret } from './secret-redaction';

/** What the token error messages may mention: never the secret. */
export interface TokenErrorContext {
  tenantId: string;
  clientId: string;
  cloud: GraphCloudEndpoints;
}

interface TokenErrorRule {
  code: ErrorCode;
  retryable?: boolean;
  message(context: TokenErrorContext): string;
}

const SECRETS_PAGE = 'App registrations → your app → Certificates & secrets';

/**
 * AADSTS code → SyncError, classified on `error_codes[0]` because Microsoft says the description
 * text may change. Messages tell the admin what to fix.
 */
export const AADSTS_RULES: Readonly<Record<number, TokenErrorRule>> = {
  7000215: {
    code: 'secret-invalid',
    message: (c) =>
      `Entra rejected the client secret for app ${c.clientId} (AADSTS7000215). Paste the secret's Value, not its Secret ID (the Value is shown only once, when the secret is created); if you no longer have it, create a new secret in ${SECRETS_PAGE}.`,
  },
  7000222: {
    code: 'secret-expired',
    message: (c) =>
      `The client secret of app ${c.clientId} has expired (AADSTS7000222). Create a new secret in ${SECRETS_PAGE} and paste its Value here.`,
  },
  7000218: {
    code: 'secret-missing',
    message: () =>
      "No client secret was sent (AADSTS7000218). Enter the app registration's client secret Value and save.",
  },
  700016: {
    code: 'app-not-found',
    message: (c) =>
      `No application with client ID ${c.clientId} was found in tenant ${c.tenantId} (AADSTS700016). Check the Application (client) ID on the app registration's Overview page, and that the tenant ID is the tenant where the app is registered or consented.`,
  },
  90002: {
    code: 'tenant-not-found',
    message: (c) =>
      `Tenant ${c.tenantId} was not found in the ${c.cloud.label} cloud (AADSTS90002). Check the Directory (tenant) ID on the app registration's Overview page, and that the cloud setting matches where the tenant lives.`,
  },
  900023: {
    code: 'tenant-invalid',
    message: (c) =>
      `"${c.tenantId}" is not a valid tenant ID (AADSTS900023). Use the Directory (tenant) ID GUID, or a verified domain such as contoso.onmicrosoft.com.`,
  },
  90038: {
    code: 'wrong-cloud',
    message: (c) =>
      `Tenant ${c.tenantId} belongs to a national cloud, not the ${c.cloud.label} cloud (AADSTS90038). Choose the tenant's cloud in the connection settings.`,
  },
  // The Graph resource of the chosen cloud does not exist in the tenant's cloud.
  500011: {
    code: 'wrong-cloud',
    message: (c) =>
      `Tenant ${c.tenantId} does not know the ${c.cloud.label} Microsoft Graph resource (AADSTS500011). Check that the cloud setting matches the tenant's cloud.`,
  },
  50196: {
    code: 'token-loop-detected',
    retryable: true,
    message: () =>
      'Entra saw too many token requests from this app in a short time (AADSTS50196) and is blocking them for a while. The app caches tokens; wait a few minutes and try again.',
  },
};

/** Transient Entra failures (service busy, directory unavailable, throttled): retry later. */
const TRANSIENT_AADSTS = new Set([90033, 90006, 50033, 90024, 90055]);

interface OAuthErrorBody {
  error?: unknown;
  error_description?: unknown;
  error_codes?: unknown;
}

export function parseOAuthError(text: string): OAuthErrorBody | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as OAuthErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

/** The SyncError for a failed token response. `secret` is only used to scrub it from echoed text. */
export function tokenError(
  status: number,
  bodyText: string,
  context: TokenErrorContext,
  secret: string | undefined,
): SyncError {
  const body = parseOAuthError(bodyText);
  const codes = Array.isArray(body?.error_codes) ? body.error_codes : [];
  const first = typeof codes[0] === 'number' ? codes[0] : Number(codes[0]);
  const rule = Number.isFinite(first) ? AADSTS_RULES[first] : undefined;
  if (rule) return new SyncError(rule.code, rule.message(context), { retryable: rule.retryable ?? false });
  const error = typeof body?.error === 'string' ? body.error : `HTTP ${status}`;
  const description = typeof body?.error_description === 'string' ? body.error_description : bodyText.slice(0, 300);
  const retryable = TRANSIENT_AADSTS.has(first) || error === 'temporarily_unavailable' || status >= 500;
  const text = redactSecret(`Entra refused the token request (${error}): ${description}`.trim(), secret);
  return new SyncError(retryable ? 'token-unavailable' : 'token-error', text, { retryable });
}
