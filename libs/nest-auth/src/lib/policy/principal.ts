import { clientIdOf, tokenKindOf, tokenVersionOf, type Claims, type TokenKind } from '@stack/claim-policy';

/** Who called: what a handler gets from `@Principal()` (`request.user`). */
export interface AuthPrincipal {
  /**
   * `app`: an application calling as itself (client credentials; `roles`); `user`: a client acting for a
   * signed-in user (delegated; `scp`, and `roles` assigned to the user). From `idtyp`, else from `scp`.
   */
  readonly kind: TokenKind;
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
  /** `oid`: the user's object id (user tokens) or the client's service principal (app tokens). */
  readonly objectId?: string;
  /** `name` of a signed-in user (user tokens). */
  readonly name?: string;
  /** The user's sign-in name: `preferred_username` (v2), else `upn` or `unique_name` (v1). User tokens only. */
  readonly username?: string;
  /** Every claim of the verified token. */
  readonly claims: Claims;
}

/** Builds the principal from the claims of a token the engine allowed. */
export function principalFromClaims(claims: Claims): AuthPrincipal {
  const roles = claims['roles'];
  const scp = claims['scp'];
  const kind = tokenKindOf(claims).kind;
  return {
    kind,
    clientId: clientIdOf(claims),
    tokenVersion: tokenVersionOf(claims),
    tenantId: stringClaim(claims, 'tid'),
    roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [],
    scopes: typeof scp === 'string' ? scp.split(' ').filter((s) => s !== '') : [],
    subject: stringClaim(claims, 'sub'),
    objectId: stringClaim(claims, 'oid'),
    ...(kind === 'user' ? userFields(claims) : {}),
    claims,
  };
}

function userFields(claims: Claims): Pick<AuthPrincipal, 'name' | 'username'> {
  const username =
    stringClaim(claims, 'preferred_username') ?? stringClaim(claims, 'upn') ?? stringClaim(claims, 'unique_name');
  return { name: stringClaim(claims, 'name'), username };
}

function stringClaim(claims: Claims, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' ? value : undefined;
}
