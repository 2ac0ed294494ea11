/**
 * OpenID Provider Configuration documents in Entra's shape. Tenant documents use the tenant GUID in every URL and
 * issuer, even when requested by domain name; `/common` and `/organizations` documents keep their segment in the
 * URLs and use the `{tenantid}` issuer template.
 */
import { TENANT_ID_TEMPLATE, type EndpointVersion, type ServiceUrls } from './service-urls';

/** Which document: the tenant's, or a tenant-independent one. */
export type DiscoveryScope =
  | { readonly kind: 'tenant'; readonly tenantId: string }
  | { readonly kind: 'common' | 'organizations' };

/** Builds the v1 or v2 discovery document. */
export function openIdConfiguration(
  urls: ServiceUrls,
  version: EndpointVersion,
  scope: DiscoveryScope,
): Record<string, unknown> {
  const segment = scope.kind === 'tenant' ? scope.tenantId : scope.kind;
  const issuer = urls.issuer(
    version === 'v2' ? '2.0' : '1.0',
    scope.kind === 'tenant' ? scope.tenantId : TENANT_ID_TEMPLATE,
  );
  const oauth2 = `${urls.baseUrl}/${segment}/oauth2${version === 'v2' ? '/v2.0' : ''}`;
  return {
    token_endpoint: urls.tokenEndpoint(segment, version),
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256', 'PS256'],
    jwks_uri: urls.jwksUri(segment, version),
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    // The authorization endpoint issues codes only (no implicit or hybrid flow).
    response_types_supported: ['code'],
    scopes_supported: version === 'v2' ? ['openid', 'profile', 'email', 'offline_access'] : ['openid'],
    grant_types_supported: ['client_credentials', 'authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256', 'plain'],
    prompt_values_supported: ['login', 'none', 'consent', 'select_account'],
    issuer,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${oauth2}/authorize`,
    userinfo_endpoint: `${urls.baseUrl}/oidc/userinfo`,
    device_authorization_endpoint: `${oauth2}/devicecode`,
    end_session_endpoint: `${oauth2}/logout`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'nonce',
      'tid',
      'ver',
      'oid',
      'name',
      'preferred_username',
      'upn',
      'unique_name',
      'given_name',
      'family_name',
      'email',
      'roles',
      'scp',
      'azp',
      'appid',
      'idtyp',
    ],
    tenant_region_scope: scope.kind === 'tenant' ? 'WW' : null,
  };
}
