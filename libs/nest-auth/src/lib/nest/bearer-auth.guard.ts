import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { escapeControlCharacters, evaluate, type ClaimPolicy } from '@stack/claim-policy';
import type { ResolvedAuthOptions } from '../config/auth-options';
import { AuthFailureError, type AuthFailure } from '../http/auth-failure';
import { principalFromClaims, type AuthPrincipal } from '../policy/principal';
import { readRequestToken, type RequestLike } from '../token/request-token';
import { BearerTokenVerifier, denied } from '../verify/bearer-token-verifier';
import { RESOLVED_AUTH_OPTIONS } from './auth.constants';
import { BearerAuthException } from './bearer-auth.exception';
import { RoutePolicyRegistry } from './route-policy.registry';

/**
 * The one guard: `@Public()` routes pass; every other request needs a bearer token that the route's
 * compiled policy allows. Order of checks: strict token extraction (400/401), then the
 * {@link BearerTokenVerifier} (format, `alg`, `crit` and `kid` before any key lookup, then the
 * signature, or a verified-token cache hit), then claim-policy's `evaluate` with the route's policy.
 * On success `request.user` is the {@link AuthPrincipal}.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');
  private readonly now: () => number;

  constructor(
    private readonly routes: RoutePolicyRegistry,
    private readonly verifier: BearerTokenVerifier,
    @Inject(RESOLVED_AUTH_OPTIONS)
    private readonly options: ResolvedAuthOptions,
  ) {
    this.now = options.keys.now ?? Date.now;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = this.routes.routeFor(context.getClass(), context.getHandler());
    if (route.public) return true;
    // Only HTTP is protected by this guard; anything else is refused rather than let through.
    if (context.getType() !== 'http') return false;
    const request = context.switchToHttp().getRequest<RequestLike & { user?: AuthPrincipal }>();
    try {
      request.user = await this.authenticate(route.policy, request);
      return true;
    } catch (error) {
      if (!(error instanceof AuthFailureError)) throw error;
      this.log(error.failure);
      throw new BearerAuthException(error.failure, this.options.exposeReasons);
    }
  }

  private async authenticate(policy: ClaimPolicy, request: RequestLike): Promise<AuthPrincipal> {
    const extracted = readRequestToken(request, policy.source);
    if ('reasons' in extracted) throw denied(policy, ...extracted.reasons);
    const { header, claims } = await this.verifier.verify(extracted.token, policy);
    const decision = evaluate(policy, header, claims, this.now());
    if (!decision.allowed) throw new AuthFailureError({ kind: 'denied', decision });
    return principalFromClaims(claims);
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
