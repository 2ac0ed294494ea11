import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { deny, evaluate, type Claims, type ClaimPolicy } from '@stack/claim-policy';
import passport from 'passport';
import { Strategy } from 'passport-jwt';
import type { ResolvedAuthOptions } from '../config/auth-options';
import { AuthFailureError } from '../http/auth-failure';
import { JwksKeyStore } from '../keys/jwks-key-store';
import { IdentityProviderUnavailableError, UnknownSigningKeyError } from '../keys/key-store-errors';
import { principalFromClaims, type AuthPrincipal } from '../policy/principal';
import { RESOLVED_AUTH_OPTIONS } from './auth.constants';
import { getAuthRequestState } from './auth-request-state';

/** Name of the strategy inside this module's private passport instance. */
export const BEARER_STRATEGY = 'stack-bearer';

/** One passport instance per strategy instance (see `getPassportInstance`). */
const passportInstances = new WeakMap<object, passport.Authenticator>();

/**
 * passport-jwt with keys from the {@link JwksKeyStore}. passport-jwt (through jsonwebtoken) only
 * verifies the RS256 signature here: lifetime, issuer, audience, client and roles are all decided by
 * claim-policy's `evaluate`, because jsonwebtoken accepts tokens without `exp` and never looks at
 * `typ` or `crit` (security.md §0.2), and because its errors carry no reason a user could act on.
 * The guard checks the token format, `alg` and `crit` before a key is looked up.
 */
@Injectable()
export class BearerJwtStrategy extends PassportStrategy(Strategy, BEARER_STRATEGY) {
  private readonly now: () => number;

  constructor(keyStore: JwksKeyStore, @Inject(RESOLVED_AUTH_OPTIONS) options: ResolvedAuthOptions) {
    super({
      jwtFromRequest: (request: unknown) => getAuthRequestState(request)?.token ?? null,
      secretOrKeyProvider: (request: unknown, _rawToken: unknown, done: (error: unknown, key?: string) => void) => {
        const state = getAuthRequestState(request);
        if (!state) return done(new Error('BearerJwtStrategy runs only behind BearerAuthGuard.'));
        keyStore.getKey(state.header.kid).then(
          (key) => done(null, key),
          (error: unknown) => done(keyFailure(error, state.policy)),
        );
      },
      algorithms: ['RS256'],
      // Lifetime is the engine's decision (with reasons and the policy's clock skew), not jsonwebtoken's.
      ignoreExpiration: true,
      jsonWebTokenOptions: { ignoreNotBefore: true },
      passReqToCallback: true,
    });
    this.now = options.keys.now ?? Date.now;
  }

  /** Runs after a valid signature: the engine decides everything else. */
  validate(request: unknown, payload: Claims): AuthPrincipal {
    const state = getAuthRequestState(request);
    if (!state) throw new Error('BearerJwtStrategy runs only behind BearerAuthGuard.');
    const decision = evaluate(state.policy, state.header, payload, this.now());
    if (!decision.allowed) throw new AuthFailureError({ kind: 'denied', decision });
    return principalFromClaims(payload);
  }

  /**
   * A private passport instance instead of the process-wide singleton: two apps in one process (tests,
   * a gateway next to an API) each register a strategy under the same name, and with the singleton the
   * last one registered would validate every app's tokens with its own keys and policy.
   * Called by @nestjs/passport while constructing, before field initialisers, hence the WeakMap.
   */
  getPassportInstance(): passport.Authenticator {
    let instance = passportInstances.get(this);
    if (!instance) {
      instance = new passport.Passport();
      passportInstances.set(this, instance);
    }
    return instance;
  }
}

function keyFailure(error: unknown, policy: ClaimPolicy): AuthFailureError | unknown {
  if (error instanceof IdentityProviderUnavailableError) {
    return new AuthFailureError({
      kind: 'unavailable',
      retryAfterSeconds: error.retryAfterSeconds,
      detail: error.message,
    });
  }
  if (error instanceof UnknownSigningKeyError) {
    const decision = deny(policy, [
      {
        code: 'ERR_KEY_NOT_FOUND',
        claim: 'kid',
        actual: error.kid,
        hint: `${error.message} The token was signed by a key this API does not trust: check that it was issued by the configured tenant and authority.`,
      },
    ]);
    if (!decision.allowed) return new AuthFailureError({ kind: 'denied', decision });
  }
  return error;
}
