/** Signs an access token with the current signing key (jose, RS256). */
import { SignJWT } from 'jose';
import type { SigningKey } from '../keys/signing-key-store';
import { accessTokenHeader, type TokenVersion } from './access-token-claims';

/** Signs `claims` as a JWT of the given version with `key`; the header names the key by `kid` (and `x5t` on v1). */
export function signAccessToken(
  claims: Record<string, unknown>,
  version: TokenVersion,
  key: SigningKey,
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ ...accessTokenHeader(version, key.kid, key.x5t) })
    .sign(key.privateKey);
}
