import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { deny, escapeControlCharacters, type ClaimPolicy, type Reason } from '@stack/claim-policy';
import type { ResolvedAuthOptions } from '../config/auth-options';
import { AuthFailureError, type AuthFailure } from '../http/auth-failure';
import type { AuthPrincipal } from '../policy/principal';
import { inspectCompactJws } from '../token/compact-jws';
import { readRequestToken, type RequestLike } from '../token/request-token';
import { RESOLVED_AUTH_OPTIONS } from './auth.constants';
import { setAuthRequestState } from './auth-request-state';
import { BEARER_STRATEGY, BearerJwtStrategy } from './bearer-jwt.strategy';
import { BearerAuthException } from './bearer-auth.exception';
import { RoutePolicyRegistry } from './route-policy.registry';

/**
 * The one guard: `@Public()` routes pass; every other request needs a bearer token that the route's
 * compiled policy allows. Order of checks: strict token extraction (400/401), token format, `alg`
 * and `crit` (401, before any key lookup), then passport-jwt for key and signature, then the engine.
 * On success `request.user` is the {@link AuthPrincipal}.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly routes: RoutePolicyRegistry,
    private readonly strategy: BearerJwtStrategy,
    @Inject(RESOLVED_AUTH_OPTIONS)
    private readonly options: ResolvedAuthOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = this.routes.routeFor(context.getClass(), context.getHandler());
    if (route.public) return true;
    // Only HTTP is protected by this guard; anything else is refused rather than let through.
    if (context.getType() !== 'http') return false;
    const http = context.switchToHttp();
    const request = http.getRequest<RequestLike & { user?: AuthPrincipal }>();
    try {
      request.user = await this.authenticate(route.policy, request, http.getResponse());
      return true;
    } catch (error) {
      if (!(error instanceof AuthFailureError)) throw error;
      this.log(error.failure);
      throw new BearerAuthException(error.failure, this.options.exposeReasons);
    }
  }

  private async authenticate(policy: ClaimPolicy, request: RequestLike, response: unknown): Promise<AuthPrincipal> {
    const extracted = readRequestToken(request, policy.source);
    if ('reasons' in extracted) throw denied(policy, extracted.reasons);
    const inspection = inspectCompactJws(extracted.token, policy.allowedAlgorithms);
    if (!inspection.ok) throw denied(policy, [inspection.reason]);
    setAuthRequestState(request, {
      policy,
      token: extracted.token,
      header: inspection.header,
    });
    return this.runPassport(request, response, policy);
  }

  private runPassport(request: RequestLike, response: unknown, policy: ClaimPolicy): Promise<AuthPrincipal> {
    return new Promise((resolve, reject) => {
      const settle = (error: unknown, user: unknown, info: unknown) => {
        if (error) reject(asFailure(error, policy));
        else if (user) resolve(user as AuthPrincipal);
        else reject(asFailure(info, policy));
      };
      const middleware = this.strategy
        .getPassportInstance()
        .authenticate(BEARER_STRATEGY, { session: false, failWithError: false }, settle);
      middleware(request, response, (error?: unknown) => reject(asFailure(error, policy)));
    });
  }

  /**
   * Codes and hints only: never the token, never claim values beyond what a hint names. Hints quote
   * claims the caller chose (`iss`, `aud`, ...), so control characters are escaped: a newline in a
   * claim must not forge a log line in a text log.
   */
  private log(failure: AuthFailure): void {
    if (failure.kind === 'unavailable') {
      this.logger.warn(escapeControlCharacters(`503 identity provider unavailable: ${failure.detail}`));
      return;
    }
    const { bearer, reasons } = failure.decision;
    const summary = reasons.map((r) => (r.hint ? `${r.code} (${r.hint})` : r.code)).join('; ');
    if (reasons[0]?.code === 'ERR_TOKEN_MISSING') this.logger.debug(`${bearer.status} ${summary}`);
    else this.logger.warn(escapeControlCharacters(`${bearer.status} ${bearer.error ?? 'challenge'}: ${summary}`));
  }
}

function denied(policy: ClaimPolicy, reasons: readonly Reason[]): AuthFailureError {
  const decision = deny(policy, reasons);
  if (decision.allowed) throw new Error('deny() returned an allow decision');
  return new AuthFailureError({ kind: 'denied', decision });
}

/**
 * Whatever passport reports becomes an {@link AuthFailureError}: ours pass through; jsonwebtoken's
 * errors (bad signature, malformed token) are invalid tokens. Anything else is a bug and stays a 500.
 */
function asFailure(error: unknown, policy: ClaimPolicy): unknown {
  if (error instanceof AuthFailureError) return error;
  if (error instanceof Error && isJsonWebTokenError(error)) {
    const code = /signature/i.test(error.message) ? 'ERR_SIGNATURE_INVALID' : 'ERR_TOKEN_MALFORMED';
    return denied(policy, [{ code, hint: `The token failed verification: ${error.message}.` }]);
  }
  if (error === undefined || error === null) {
    return denied(policy, [
      {
        code: 'ERR_TOKEN_MISSING',
        hint: 'No token in the Authorization header.',
      },
    ]);
  }
  return error;
}

function isJsonWebTokenError(error: Error): boolean {
  return ['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError'].includes(error.name);
}
