/**
 * A PKCE pair (RFC 7636, S256): the verifier stays with the caller, the challenge goes in the authorize URL.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface Pkce {
  readonly verifier: string;
  readonly challenge: string;
  readonly method: 'S256';
}

export function createPkce(): Pkce {
  // 32 random bytes: a 43-character base64url verifier, the shortest RFC 7636 allows.
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), method: 'S256' };
}
