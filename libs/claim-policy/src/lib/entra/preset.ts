import { createPolicy } from '../defaults';
import type { ClaimMatch, ClaimPolicy, RequiredClaim } from '../model';
import { isGuid } from './token-facts';

/** Inputs of {@link entraPreset}: the API app registration and who may call it. */
export interface EntraPresetOptions {
  /** Directory (tenant) id, a GUID: tokens carry it in `iss` and `tid`. */
  readonly tenantId: string;
  /** Application (client) id of the API app registration: `aud` of v2 tokens. */
  readonly appId: string;
  /** App ID URIs of the API (`aud` of v1 tokens). Default `[api://<appId>]`. */
  readonly appIdUris?: readonly string[];
  /** Default `https://login.microsoftonline.com`; the v2 issuer and discovery host. */
  readonly authorityHost?: string;
  /** Default `https://sts.windows.net`; the v1 issuer host. */
  readonly v1IssuerHost?: string;
  /** Client application ids allowed to call (checked on `azp` or `appid`); empty: any client. */
  readonly allowedClientIds?: readonly string[];
  /** App roles the token must carry in `roles`. */
  readonly requiredRoles?: readonly string[];
  /** How `requiredRoles` combine; default `all`. */
  readonly match?: ClaimMatch;
  /** More accepted issuers, e.g. a local identity service beside real Entra. */
  readonly additionalIssuers?: readonly string[];
}

/**
 * A policy for an Entra-protected API that accepts both token versions correctly, whichever the
 * API's registration issues (`accessTokenAcceptedVersion`):
 * - `aud`: the appId GUID (v2, and v1 when requested by GUID) and each App ID URI with and
 *   without a trailing slash (v1 carries it as requested);
 * - `iss`: `<authorityHost>/<tenant>/v2.0` and `<v1IssuerHost>/<tenant>/`;
 * - client: `azp` (v2) or `appid` (v1) against `allowedClientIds`;
 * - keys from the tenant's v2 discovery document (both versions are signed by the same keys).
 */
export function entraPreset(options: EntraPresetOptions): ClaimPolicy {
  const { tenantId, appId } = options;
  if (!isGuid(tenantId)) {
    throw new TypeError(`entraPreset: tenantId must be the tenant's GUID (tokens carry it in iss), got "${tenantId}"`);
  }
  if (typeof appId !== 'string' || appId.trim() === '') {
    throw new TypeError("entraPreset: appId must be the API app registration's application (client) id");
  }
  const authority = trimSlashes(options.authorityHost ?? 'https://login.microsoftonline.com');
  const v1Host = trimSlashes(options.v1IssuerHost ?? 'https://sts.windows.net');
  const uris = options.appIdUris ?? [`api://${appId}`];
  const roles = options.requiredRoles ?? [];
  return createPolicy({
    issuers: unique([`${authority}/${tenantId}/v2.0`, `${v1Host}/${tenantId}/`, ...(options.additionalIssuers ?? [])]),
    audiences: unique([appId, ...uris.flatMap((uri) => [trimSlashes(uri), `${trimSlashes(uri)}/`])]),
    openIdConfigUrls: [`${authority}/${tenantId}/v2.0/.well-known/openid-configuration`],
    allowedClientIds: options.allowedClientIds ?? [],
    requiredClaims: roles.length === 0 ? [] : [requiredRoles(roles, { match: options.match })],
  });
}

/**
 * A `roles` requirement. With `acceptDelegatedScopes`, a signed-in user's `scp` values count too
 * (space-separated), for routes that serve both app and user tokens.
 */
export function requiredRoles(
  roles: readonly string[],
  options: {
    readonly match?: ClaimMatch;
    readonly acceptDelegatedScopes?: boolean;
  } = {},
): RequiredClaim {
  return {
    name: 'roles',
    match: options.match ?? 'all',
    values: [...roles],
    ...(options.acceptDelegatedScopes ? { alsoFrom: ['scp'], separator: ' ' } : {}),
  };
}

function trimSlashes(value: string): string {
  return value.replace(/\/+$/, '');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
