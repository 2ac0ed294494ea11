import {
  deny,
  parseCompactJws,
  verifyJwsSignature,
  VerifiedTokenCache,
  type ClaimPolicy,
  type Reason,
  type VerifiedToken,
} from '@stack/claim-policy';
import { AuthFailureError } from '../http/auth-failure';
import type { JwksKeyStore } from '../keys/jwks-key-store';
import { IdentityProviderUnavailableError, UnknownSigningKeyError } from '../keys/key-store-errors';
import { inspectHeader } from '../token/compact-jws';

/** Options of {@link BearerTokenVerifier}. */
export interface BearerTokenVerifierOptions {
  /** Most verified tokens remembered (0: no cache). */
  readonly cacheMaxEntries: number;
  readonly now?: () => number;
}

/**
 * Establishes that a bearer token was signed by the identity provider, framework-free: parse it
 * strictly (claim-policy's `parseCompactJws`), check `alg`, `crit` and `kid` before any key lookup,
 * take the parsed key for its `kid` from the {@link JwksKeyStore}, verify the signature with
 * node:crypto. Verified tokens are remembered in a {@link VerifiedTokenCache}. What the token may do
 * (lifetime, issuer, audience, roles) is NOT decided here: the caller evaluates the route's policy.
 * Failures are {@link AuthFailureError}s: RFC 6750 denials, or 503 when no key can be had.
 */
export class BearerTokenVerifier {
  private readonly cache?: VerifiedTokenCache;

  constructor(
    private readonly keys: JwksKeyStore,
    options: BearerTokenVerifierOptions,
  ) {
    if (options.cacheMaxEntries > 0)
      this.cache = new VerifiedTokenCache(options.cacheMaxEntries, options.now ?? Date.now);
  }

  /** Verifies `token` for a route whose policy is `policy` (its algorithms; reasons are mapped with it). */
  async verify(token: string, policy: ClaimPolicy): Promise<VerifiedToken> {
    const cached = this.cache?.get(token, this.keys.version);
    if (cached) return cached;

    const parsed = parseCompactJws(token);
    if (!parsed.ok) throw denied(policy, parsed.reason);
    const inspection = inspectHeader(parsed, policy.allowedAlgorithms);
    if (!inspection.ok) throw denied(policy, inspection.reason);
    const { header } = inspection;

    const version = this.keys.version;
    const key = this.keys.peekKey(header.kid) ?? (await this.fetchKey(header.kid, policy));
    if (!verifyJwsSignature(header.alg, key, parsed.signingInput, parsed.signature)) {
      throw denied(policy, {
        code: 'ERR_SIGNATURE_INVALID',
        hint: `The signature does not verify with the published key ${header.kid}: the token was altered or signed by another key.`,
      });
    }
    const verified: VerifiedToken = { header, claims: parsed.claims };
    this.cache?.set(token, verified, version);
    return verified;
  }

  /** Tokens held in the cache (diagnostics and tests). */
  get cachedTokens(): number {
    return this.cache?.size ?? 0;
  }

  private async fetchKey(kid: string, policy: ClaimPolicy) {
    try {
      return await this.keys.getKeyObject(kid);
    } catch (error) {
      if (error instanceof IdentityProviderUnavailableError) {
        throw new AuthFailureError({
          kind: 'unavailable',
          retryAfterSeconds: error.retryAfterSeconds,
          detail: error.message,
        });
      }
      if (error instanceof UnknownSigningKeyError) {
        throw denied(policy, {
          code: 'ERR_KEY_NOT_FOUND',
          claim: 'kid',
          actual: error.kid,
          hint: `${error.message} The token was signed by a key this API does not trust: check that it was issued by the configured tenant and authority.`,
        });
      }
      throw error;
    }
  }
}

/** An RFC 6750 denial with one reason. */
export function denied(policy: ClaimPolicy, ...reasons: Reason[]): AuthFailureError {
  const decision = deny(policy, reasons);
  if (decision.allowed) throw new Error('deny() returned an allow decision');
  return new AuthFailureError({ kind: 'denied', decision });
}
