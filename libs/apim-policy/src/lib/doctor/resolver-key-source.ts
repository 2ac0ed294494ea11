import type { DoctorKeySource, KeyLookup } from '@stack/claim-policy';
import { describeFailure } from '../keys/key-resolution-error';
import type { SigningKeyResolver } from '../keys/signing-key-resolver';

/**
 * The token doctor's signing keys from a {@link SigningKeyResolver} (the one validate-jwt uses: same host mapping,
 * caches and cool-downs), so the doctor finds keys exactly as a call through the gateway does. A provider that
 * cannot be reached is `unavailable` (reported as skip), not a failure. `fetchedFrom` may add where a discovery
 * document was really fetched (e.g. ` (fetched from https://localhost:5443)`) to that message.
 */
export function resolverKeySource(
  resolver: Pick<SigningKeyResolver, 'issuerOf' | 'keyOf'>,
  fetchedFrom: (openIdConfigUrl: string) => string = () => '',
): DoctorKeySource {
  return {
    async lookup(openIdConfigUrl: string, kid: string): Promise<KeyLookup> {
      let issuer: string;
      try {
        issuer = await resolver.issuerOf(openIdConfigUrl);
      } catch (error) {
        // The message names the document and the cause (refused, timed out, HTTP status…).
        return { kind: 'unavailable', detail: `${describeFailure(error)}${fetchedFrom(openIdConfigUrl)}` };
      }
      try {
        return { kind: 'found', key: await resolver.keyOf(openIdConfigUrl, kid), issuer };
      } catch (error) {
        // Duck-typed like describeFailure: KeyResolutionError's code, whichever realm it comes from.
        return (error as { code?: unknown }).code === 'ERR_KEY_NOT_FOUND'
          ? { kind: 'not-found', issuer, detail: `the JWKS of ${issuer} has no key ${kid}` }
          : { kind: 'unavailable', detail: `the JWKS of ${issuer}: ${describeFailure(error)}` };
      }
    },
  };
}
