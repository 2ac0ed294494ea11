/**
 * The JSON Web Key Sets at `/{tenant}/discovery/keys` (v1) and `/{tenant}/discovery/v2.0/keys` (v2). v2 keys carry
 * `issuer`: the tenant's v2 issuer, or the `{tenantid}` template on the tenant-independent set.
 */
import { publishedJwk, type PublishableKey, type PublishedJwk } from '../keys/jwk';
import { TENANT_ID_TEMPLATE, type EndpointVersion, type ServiceUrls } from './service-urls';

/** Builds a JWKS document; `tenantId` undefined means the `/common` (template) form. */
export function jwksDocument(
  keys: readonly PublishableKey[],
  urls: ServiceUrls,
  version: EndpointVersion,
  tenantId: string | undefined,
): { keys: PublishedJwk[] } {
  const issuer = version === 'v2' ? urls.issuer('2.0', tenantId ?? TENANT_ID_TEMPLATE) : undefined;
  return { keys: keys.map((key) => publishedJwk(key, issuer)) };
}
