import type { KeyObject } from 'node:crypto';

/**
 * Signing keys and issuers from OpenID discovery (`<openid-config url>`), cached per document and
 * per `kid` with the key-rollover rules of nest-auth's JwksKeyStore. URLs on hosts the gateway maps
 * (login.microsoftonline.com → the local identity service) are fetched from the mapped host.
 */
export interface SigningKeyResolver {
  /** The issuer the discovery document at `openIdConfigUrl` announces. */
  issuerOf(openIdConfigUrl: string): Promise<string>;
  /** The public key `kid` from that document's JWKS; rejects with a key-store error when unknown. */
  keyOf(openIdConfigUrl: string, kid: string): Promise<KeyObject>;
  /** Changes whenever a key set it serves changes: caches of verified tokens drop entries verified before. */
  readonly version: number;
  close(): void;
}
