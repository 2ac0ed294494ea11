/**
 * The doctor's signing keys from the gateway's own resolver (the OpenIdSigningKeys its validate-jwt uses: same
 * host mapping, same caches and cool-downs), so the page finds keys exactly as a call through the gateway does and
 * adds no fetches of its own beyond what an API call with the same token would cause.
 */
import { describeFailure, KeyResolutionError, type SigningKeyResolver } from '@stack/apim-policy';
import type { DoctorKeySource, KeyLookup } from '@stack/claim-policy';

/** Discovery through `resolver`; a provider that cannot be reached is `unavailable` (reported as skip), not a failure. */
export function gatewayKeySource(resolver: Pick<SigningKeyResolver, 'issuerOf' | 'keyOf'>): DoctorKeySource {
  return {
    async lookup(openIdConfigUrl: string, kid: string): Promise<KeyLookup> {
      let issuer: string;
      try {
        issuer = await resolver.issuerOf(openIdConfigUrl);
      } catch (error) {
        return { kind: 'unavailable', detail: failureText(error) };
      }
      try {
        return { kind: 'found', key: await resolver.keyOf(openIdConfigUrl, kid), issuer };
      } catch (error) {
        return error instanceof KeyResolutionError && error.code === 'ERR_KEY_NOT_FOUND'
          ? { kind: 'not-found', issuer, detail: `the JWKS of ${issuer} has no key ${kid}` }
          : { kind: 'unavailable', detail: `the JWKS of ${issuer}: ${failureText(error)}` };
      }
    },
  };
}

function failureText(error: unknown): string {
  return error instanceof KeyResolutionError ? error.message : describeFailure(error);
}
