import { createPolicy, entraPreset, type ClaimPolicy } from '@stack/claim-policy';
import type { ResolvedAuthOptions } from '../config/auth-options';

/**
 * The module-level policy every protected route starts from: claim-policy's Entra preset for this
 * tenant and API (both token versions: `aud` as appId GUID or App ID URI, both issuer forms, client id
 * from `azp` or `appid`), RS256 only, `exp` required and at most `maxTokenLifetimeSeconds` ahead, the token
 * in `Authorization: Bearer <token>`.
 */
export function createBasePolicy(options: ResolvedAuthOptions): ClaimPolicy {
  const preset = entraPreset({
    tenantId: options.tenantId,
    appId: options.apiAppId,
    // Empty: the preset's default, api://<appId>.
    appIdUris: options.appIdUris.length > 0 ? [...options.appIdUris] : undefined,
    authorityHost: options.authorityHost,
    v1IssuerHost: options.v1IssuerHost,
    allowedClientIds: [...options.allowedClientIds],
  });
  return createPolicy({
    ...preset,
    source: { headerName: 'Authorization', requireScheme: 'Bearer' },
    clockSkewSeconds: options.clockSkewSeconds,
    maxTokenLifetimeSeconds: options.maxTokenLifetimeSeconds,
    allowedAlgorithms: ['RS256'],
    ...options.policy,
  });
}
