import { verifyJwsSignature } from '@stack/claim-policy';
import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

const HMAC_DIGESTS: Readonly<Record<string, 'sha256' | 'sha384' | 'sha512'>> = {
  HS256: 'sha256',
  HS384: 'sha384',
  HS512: 'sha512',
};

/**
 * True when `signature` over `signingInput` verifies with `key` for `alg`, synchronously with node:crypto:
 * public keys (from `openid-config` or `<issuer-signing-keys>` n/e) through nest-auth's algorithm table,
 * secret keys (`<issuer-signing-keys>` Base64 keys) with HMAC for HS256/384/512 only. A key of the wrong
 * kind for `alg` never verifies, so a public key can never be used as an HMAC secret.
 */
export function signatureVerifies(alg: string, key: KeyObject, signingInput: string, signature: Buffer): boolean {
  if (key.type !== 'secret') return verifyJwsSignature(alg, key, signingInput, signature);
  const digest = Object.prototype.hasOwnProperty.call(HMAC_DIGESTS, alg) ? HMAC_DIGESTS[alg] : undefined;
  if (!digest) return false;
  const expected = createHmac(digest, key).update(signingInput, 'latin1').digest();
  return expected.length === signature.length && timingSafeEqual(expected, signature);
}
