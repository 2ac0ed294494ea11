/**
 * Signs an access token with the current signing key (RS256): node:crypto's `sign` with the key's `KeyObject` (parsed
 * once when the key was loaded) rather than jose's WebCrypto path, so the same bytes (RSASSA-PKCS1-v1_5 is
 * deterministic) with less work per token. The callback form signs on libuv's thread pool: the event loop keeps
 * parsing and answering requests meanwhile, and signatures run on every free core. The encoded header is built once
 * per key and version.
 */
import { sign } from 'node:crypto';
import type { SigningKey } from '../keys/signing-key-store';
import { accessTokenHeader, type TokenVersion } from './access-token-claims';

const encodedHeaders = new WeakMap<SigningKey, Partial<Record<TokenVersion, string>>>();

/** Signs `claims` as a JWT of the given version with `key`; the header names the key by `kid` (and `x5t` on v1). */
export function signAccessToken(
  claims: Record<string, unknown>,
  version: TokenVersion,
  key: SigningKey,
): Promise<string> {
  const signingInput = `${encodedHeader(version, key)}.${base64url(JSON.stringify(claims))}`;
  const data = Buffer.from(signingInput, 'ascii');
  return new Promise((resolve, reject) => {
    sign('sha256', data, key.privateKey, (error, signature) => {
      if (error) reject(error);
      else resolve(`${signingInput}.${signature.toString('base64url')}`);
    });
  });
}

function encodedHeader(version: TokenVersion, key: SigningKey): string {
  let headers = encodedHeaders.get(key);
  if (!headers) encodedHeaders.set(key, (headers = {}));
  return (headers[version] ??= base64url(JSON.stringify(accessTokenHeader(version, key.kid, key.x5t))));
}

function base64url(json: string): string {
  return Buffer.from(json, 'utf8').toString('base64url');
}
