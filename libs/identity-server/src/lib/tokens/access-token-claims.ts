/**
 * The header and claims of an app-only access token, in Entra's v1.0 or v2.0 shape. The version comes from the
 * API's `accessTokenAcceptedVersion`, never from the endpoint used.
 */
import type { ApiApp, ClientApp } from '../registrations/registrations.schema';
import { newAio, newRh, newUti } from './opaque-ids';

/** Token format versions. */
export type TokenVersion = '1.0' | '2.0';

/** How the client authenticated: `appidacr` / `azpacr` "1" for a secret, "2" for a certificate. */
export type ClientAuthMethod = 'secret' | 'certificate';

/** Everything an access token says. */
export interface AccessTokenInput {
  readonly issuer: string;
  readonly tenantId: string;
  readonly api: ApiApp;
  /** The resource identifier as requested: the `aud` of v1 tokens. */
  readonly requestedResource: string;
  readonly client: ClientApp;
  readonly roles: readonly string[];
  readonly authMethod: ClientAuthMethod;
  /** Issue time in seconds since the epoch. */
  readonly now: number;
  readonly lifetimeSeconds: number;
}

/**
 * `iat`/`nbf` are set this far in the past, as Entra does (observed app tokens have exp − iat = 3900 s for an
 * `expires_in` of 3599 s), so that services with a slightly slow clock accept a fresh token.
 */
export const ISSUED_AT_BACKDATE_SECONDS = 300;

/** The token version an API receives. */
export function tokenVersionOf(api: ApiApp): TokenVersion {
  return api.accessTokenAcceptedVersion === 2 ? '2.0' : '1.0';
}

/** Builds the JWT payload, claims in Entra's order. */
export function accessTokenClaims(input: AccessTokenInput): Record<string, unknown> {
  const version = tokenVersionOf(input.api);
  const acr = input.authMethod === 'certificate' ? '2' : '1';
  const issuedAt = input.now - ISSUED_AT_BACKDATE_SECONDS;
  const common = {
    aud: version === '2.0' ? input.api.appId : input.requestedResource,
    iss: input.issuer,
    iat: issuedAt,
    nbf: issuedAt,
    exp: input.now + input.lifetimeSeconds,
    aio: newAio(),
  };
  const client =
    version === '2.0'
      ? { azp: input.client.appId, azpacr: acr }
      : { appid: input.client.appId, appidacr: acr, idp: input.issuer };
  return {
    ...common,
    ...client,
    idtyp: 'app',
    oid: input.client.objectId,
    rh: newRh(version),
    ...(input.roles.length > 0 ? { roles: [...input.roles] } : {}),
    sub: input.client.objectId,
    tid: input.tenantId,
    uti: newUti(),
    ver: version,
  };
}

/** JOSE header of an access token. */
export interface AccessTokenHeader {
  readonly typ: 'JWT';
  readonly alg: 'RS256';
  readonly x5t?: string;
  readonly kid: string;
}

/** The protected header: v1 tokens also carry the legacy `x5t` (equal to `kid`). */
export function accessTokenHeader(version: TokenVersion, kid: string, x5t: string): AccessTokenHeader {
  return version === '1.0' ? { typ: 'JWT', alg: 'RS256', x5t, kid } : { typ: 'JWT', alg: 'RS256', kid };
}
