import { clientIdOf, tokenVersionOf, type Claims } from '@stack/claim-policy';

/** Who called: what a handler gets from `@Principal()` (`request.user`). */
export interface AuthPrincipal {
  /** Client application id, from `azp` (v2) or `appid` (v1). */
  readonly clientId?: string;
  /** `1.0` or `2.0`. */
  readonly tokenVersion?: '1.0' | '2.0';
  /** `tid`. */
  readonly tenantId?: string;
  /** App roles (`roles`), for application tokens. */
  readonly roles: readonly string[];
  /** Delegated scopes (`scp`, split on spaces), for tokens of signed-in users. */
  readonly scopes: readonly string[];
  /** `sub`; for app tokens the service principal's object id. */
  readonly subject?: string;
  /** `oid`. */
  readonly objectId?: string;
  /** Every claim of the verified token. */
  readonly claims: Claims;
}

/** Builds the principal from the claims of a token the engine allowed. */
export function principalFromClaims(claims: Claims): AuthPrincipal {
  const roles = claims['roles'];
  const scp = claims['scp'];
  return {
    clientId: clientIdOf(claims),
    tokenVersion: tokenVersionOf(claims),
    tenantId: stringClaim(claims, 'tid'),
    roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [],
    scopes: typeof scp === 'string' ? scp.split(' ').filter((s) => s !== '') : [],
    subject: stringClaim(claims, 'sub'),
    objectId: stringClaim(claims, 'oid'),
    claims,
  };
}

function stringClaim(claims: Claims, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' ? value : undefined;
}
