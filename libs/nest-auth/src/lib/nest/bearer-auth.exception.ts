import { HttpException } from '@nestjs/common';
import { renderAuthFailure, type AuthErrorResponse, type AuthFailure } from '../http/auth-failure';

/**
 * An authentication or authorization failure on its way to {@link BearerAuthExceptionFilter}, which
 * adds the `WWW-Authenticate` / `Retry-After` headers Nest's own exception handling would drop.
 * It is an `HttpException`, so even without the filter the status and body stay right.
 */
export class BearerAuthException extends HttpException {
  readonly rendered: AuthErrorResponse;

  constructor(
    readonly failure: AuthFailure,
    exposeReasons: boolean,
  ) {
    const rendered = renderAuthFailure(failure, { exposeReasons });
    super(rendered.body, rendered.status);
    this.rendered = rendered;
  }
}
