/**
 * Turns every error into Entra's AADSTS JSON (never a bare 500): AADSTS errors as they are, framework 4xx
 * (unknown route, unparseable body, wrong content type, body too large) as `invalid_request` with their status,
 * and anything unexpected as 503 `temporarily_unavailable` with the stack in the log.
 */
import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AadstsError, aadstsErrorBody } from '../errors/aadsts-error';
import { invalidRequest, noSuchEndpoint, serviceUnavailable } from '../errors/catalogue';
import { IDENTITY_CONTEXT, type IdentityContext } from '../server/identity-context';
import { loggableError, loggablePath } from './loggable';
import { requestIds } from './request-ids';
import { setNoStoreHeaders } from './response-headers';

@Catch()
export class AadstsExceptionFilter implements ExceptionFilter {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly context: IdentityContext) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const ids = requestIds(request);
    const error = this.toAadsts(exception, request);
    this.context.logger.info(
      {
        event: 'request_refused',
        method: request.method,
        path: loggablePath(request),
        status: error.status,
        error: error.error,
        code: error.code,
        correlationId: ids.correlationId,
        traceId: ids.traceId,
      },
      `AADSTS${error.code} ${error.error}`,
    );
    if (reply.sent) return;
    setNoStoreHeaders(reply, ids);
    void reply
      .status(error.status)
      .type('application/json; charset=utf-8')
      .send(aadstsErrorBody(error, { ...ids, now: new Date(this.context.now()) }));
  }

  private toAadsts(exception: unknown, request: FastifyRequest): AadstsError {
    if (exception instanceof AadstsError) return exception;
    const status = statusOf(exception);
    if (status === 404) return noSuchEndpoint(request.method, request.url.split('?')[0]);
    if (status !== undefined && status >= 400 && status < 500) {
      return invalidRequest(describe(exception), status);
    }
    this.context.logger.error({ err: loggableError(exception), path: loggablePath(request) }, 'Unexpected error');
    return serviceUnavailable();
  }
}

function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

function describe(exception: unknown): string {
  const message = exception instanceof Error ? exception.message : String(exception);
  return `The request couldn't be read: ${message}`;
}
