import type { ClaimPolicy } from './model';

/** APIM's documented defaults for `validate-jwt` (apim.md §1.2), plus RS256-only signing. */
export const DEFAULT_POLICY: ClaimPolicy = Object.freeze({
  source: Object.freeze({ headerName: 'Authorization' }),
  failedStatus: 401,
  requireExpirationTime: true,
  requireSignedTokens: true,
  clockSkewSeconds: 0,
  allowedAlgorithms: Object.freeze(['RS256']),
  issuers: Object.freeze([]),
  audiences: Object.freeze([]),
  openIdConfigUrls: Object.freeze([]),
  issuerSigningKeys: Object.freeze([]),
  requiredClaims: Object.freeze([]),
  allowedClientIds: Object.freeze([]),
});

/**
 * Builds a complete policy: anything left out takes APIM's default (status 401, `exp` required,
 * signed tokens required, no clock skew, `RS256` only, token in the `Authorization` header).
 *
 * @example createPolicy({ audiences: ['api://my-api'], issuers: ['https://issuer/'] })
 */
export function createPolicy(partial: Partial<ClaimPolicy> = {}): ClaimPolicy {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
  const policy: ClaimPolicy = { ...DEFAULT_POLICY, ...defined };
  assertValidPolicy(policy);
  return policy;
}

/**
 * Returns the policy with `issuers` taken from OpenID discovery documents when the policy names
 * none but has `<openid-config>`: an omitted `<issuers>` means "the issuer of the discovery
 * document" (APIM: "signing keys and issuer can be obtained" from it). The verifier that fetched
 * the documents calls this; the engine itself never fetches.
 */
export function withDiscoveredIssuers(policy: ClaimPolicy, discoveredIssuers: readonly string[]): ClaimPolicy {
  if (policy.issuers.length > 0 || policy.openIdConfigUrls.length === 0) return policy;
  return { ...policy, issuers: [...new Set(discoveredIssuers)] };
}

function assertValidPolicy(policy: ClaimPolicy): void {
  if (!Number.isInteger(policy.failedStatus) || policy.failedStatus < 100 || policy.failedStatus > 599) {
    throw new TypeError(`failedStatus must be an HTTP status code (100-599), got ${String(policy.failedStatus)}`);
  }
  if (!Number.isFinite(policy.clockSkewSeconds) || policy.clockSkewSeconds < 0) {
    throw new TypeError(`clockSkewSeconds must be a number of seconds >= 0, got ${String(policy.clockSkewSeconds)}`);
  }
  const maxLifetime = policy.maxTokenLifetimeSeconds;
  if (maxLifetime !== undefined && (!Number.isFinite(maxLifetime) || maxLifetime <= 0)) {
    throw new TypeError(
      `maxTokenLifetimeSeconds must be a number of seconds > 0 (or left out for no bound), got ${String(maxLifetime)}`,
    );
  }
  if (policy.allowedAlgorithms.length === 0) {
    throw new TypeError('allowedAlgorithms must name at least one JWS algorithm, e.g. ["RS256"]');
  }
  for (const claim of policy.requiredClaims) {
    if (!claim.name) throw new TypeError('every required claim needs a name');
    if (claim.match !== 'all' && claim.match !== 'any') {
      throw new TypeError(`required claim "${claim.name}": match must be "all" or "any", got ${String(claim.match)}`);
    }
    if (claim.separator === '') throw new TypeError(`required claim "${claim.name}": separator must not be empty`);
  }
  for (const permission of policy.requiredPermissions ?? []) {
    const names = [...permission.appRoles, ...permission.delegatedScopes];
    if (names.length === 0 || names.some((name) => typeof name !== 'string' || name.trim() === '')) {
      throw new TypeError(
        'every required permission needs at least one app role or delegated scope, and no empty name ' +
          `(got appRoles [${permission.appRoles.join(', ')}], delegatedScopes [${permission.delegatedScopes.join(', ')}])`,
      );
    }
  }
}
