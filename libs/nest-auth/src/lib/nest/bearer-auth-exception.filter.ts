import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { BearerAuthException } from './bearer-auth.exception';

/**
 * Writes RFC 6750 responses through Nest's HTTP adapter, so the same code serves Express and
 * Fastify: status, `WWW-Authenticate` (or `Retry-After` for 503) and the JSON body.
 */
@Catch(BearerAuthException)
export class BearerAuthExceptionFilter implements ExceptionFilter<BearerAuthException> {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: BearerAuthException, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    const { status, headers, body } = exception.rendered;
    for (const [name, value] of Object.entries(headers)) httpAdapter.setHeader(response, name, value);
    httpAdapter.reply(response, body, status);
  }
}
