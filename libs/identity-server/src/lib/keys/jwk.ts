/** The JWKS entry of a signing key, in Entra's shape. */
import type { KeyObject } from 'node:crypto';

/** A key as published at `/discovery/keys` and `/discovery/v2.0/keys`. */
export interface PublishedJwk {
  readonly kty: 'RSA';
  readonly use: 'sig';
  readonly kid: string;
  readonly x5t: string;
  readonly n: string;
  readonly e: string;
  readonly x5c: string[];
  /** Present on the v2 key sets only. */
  readonly issuer?: string;
}

/** What a key needs to be published. */
export interface PublishableKey {
  readonly kid: string;
  readonly x5t: string;
  readonly publicKey: KeyObject;
  /** Base64 (not base64url) DER of the key's self-signed certificate. */
  readonly x5c: string;
}

/** Builds a key's JWKS entry; `issuer` is set on v2 key sets. */
export function publishedJwk(key: PublishableKey, issuer?: string): PublishedJwk {
  const { n, e } = key.publicKey.export({ format: 'jwk' });
  if (!n || !e) throw new Error(`Signing key ${key.kid} is not an RSA key`);
  return {
    kty: 'RSA',
    use: 'sig',
    kid: key.kid,
    x5t: key.x5t,
    n,
    e,
    x5c: [key.x5c],
    ...(issuer === undefined ? {} : { issuer }),
  };
}
