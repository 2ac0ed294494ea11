/**
 * Signs an access token with the current signing key (RS256). node:crypto's synchronous `sign` with the key's
 * `KeyObject` (parsed once when the key was loaded) rather than jose's WebCrypto path: the same bytes (RSASSA-PKCS1-v1_5
 * is deterministic), without a promise, a job and a key import per token; the encoded header is built once per key.
 */
import { sign } from 'node:crypto';
import type { SigningKey } from '../keys/signing-key-store';
import { accessTokenHeader, type TokenVersion } from './access-token-claims';

const encodedHeaders = new WeakMap<SigningKey, Partial<Record<TokenVersion, string>>>();

/** Signs `claims` as a JWT of the given version with `key`; the header names the key by `kid` (and `x5t` on v1). */
export function signAccessToken(claims: Record<string, unknown>, version: TokenVersion, key: SigningKey): string {
  const signingInput = `${encodedHeader(version, key)}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('sha256', Buffer.from(signingInput, 'ascii'), key.privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

function encodedHeader(version: TokenVersion, key: SigningKey): string {
  let headers = encodedHeaders.get(key);
  if (!headers) encodedHeaders.set(key, (headers = {}));
  return (headers[version] ??= base64url(JSON.stringify(accessTokenHeader(version, key.kid, key.x5t))));
}

function base64url(json: string): string {
  return Buffer.from(json, 'utf8').toString('base64url');
}
