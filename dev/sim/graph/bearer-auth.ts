import type { SimRequest, SimResponse } from '../sim-server';
import type { TokenIssuer } from './access-tokens';
import { GRAPH_ERRORS } from './graph-errors';

/** The roles of the request's bearer token, or Graph's 401 when it is absent, foreign or expired. */
export function authenticate(
  request: SimRequest,
  issuer: TokenIssuer,
  nowMs: number,
): { roles: string[] } | SimResponse {
  const match = /^Bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? '').trim());
  if (!match) return GRAPH_ERRORS.tokenMissing();
  const token = issuer.lookup(match[1]!);
  if (!token) return GRAPH_ERRORS.tokenInvalid();
  if (token.expiresAtMs <= nowMs) return GRAPH_ERRORS.tokenExpired();
  return { roles: token.roles };
}
