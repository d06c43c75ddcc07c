import { randomUUID } from 'node:crypto';
import type { SimApp } from './app-registration';

/** What the Graph side knows about a bearer token this simulator issued. */
export interface IssuedToken {
  roles: string[];
  expiresAtMs: number;
}

export const TOKEN_LIFETIME_SECONDS = 3599;

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Issues JWT-shaped app-only tokens (v1 claims as Graph receives them) and remembers them, so
 * Graph routes accept only tokens that came from this simulator and have not expired.
 */
export class TokenIssuer {
  private readonly issued = new Map<string, IssuedToken>();

  issue(app: SimApp, nowMs: number): { accessToken: string; expiresIn: number } {
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + TOKEN_LIFETIME_SECONDS;
    const payload: Record<string, unknown> = {
      aud: app.graphResource,
      iss: `https://sts.windows.net/${app.tenantId}/`,
      iat,
      nbf: iat,
      exp,
      appid: app.clientId,
      idtyp: 'app',
      oid: app.objectId,
      tid: app.tenantId,
      uti: randomUUID(),
      ver: '1.0',
    };
    // Missing admin consent yields a token without the claim, not an empty list (facts 1.4).
    if (app.roles.length > 0) payload.roles = [...app.roles];
    const header = { typ: 'JWT', alg: 'RS256', kid: 'sim' };
    const signature = Buffer.from(randomUUID()).toString('base64url');
    const accessToken = `${base64url(header)}.${base64url(payload)}.${signature}`;
    this.issued.set(accessToken, { roles: [...app.roles], expiresAtMs: exp * 1000 });
    return { accessToken, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  lookup(token: string): IssuedToken | undefined {
    return this.issued.get(token);
  }

  /** Forgets every issued token, as if the signing keys rolled: clients must get a new one. */
  revokeAll(): void {
    this.issued.clear();
  }
}
